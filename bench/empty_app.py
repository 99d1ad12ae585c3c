"""The floor: the cheapest Streamlit page there is, measured beside the real ones."""

import streamlit as st

st.write("hei")

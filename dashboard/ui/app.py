"""The Streamlit entry point: `streamlit run dashboard/ui/app.py`.

Everything it does is in `dashboard/ui/shell.py`, imported once per process: Streamlit runs this
script in a new namespace on every run, so what it defined itself would be made again each time
(the navigation's pages: ~3 % of a loaded server's CPU).
"""

from dashboard.ui.components.data_access import page_run
from dashboard.ui.components.memory import after_run
from dashboard.ui.shell import main

try:
    with page_run():
        main()
finally:
    after_run()  # keeps Streamlit's garbage collection after the run cheap (components/memory.py)

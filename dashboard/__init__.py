"""Styringsindikatorer for nettverk i kreftomsorg og lindrende behandling."""

"""Qogam dashboard: data access, filters, translations and shared widgets for the Streamlit app."""

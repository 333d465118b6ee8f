"""Small Streamlit helpers shared by the pages: controls built from the state table, URL sync."""

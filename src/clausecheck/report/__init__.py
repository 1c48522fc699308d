"""Report formats: one module per format, each rendering a list of DocumentReports."""

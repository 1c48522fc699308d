"""The bundled templates: the wording of letters and notices (YAML files of Jinja2 texts; see
letters/wording.py) and the HTML report's page, stylesheet and script (report.*; see report/html.py)."""

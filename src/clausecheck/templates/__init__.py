"""The bundled wording templates of letters and notices (YAML files of Jinja2 texts; see letters/wording.py)."""

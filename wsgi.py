from formbuilder import create_app

app = create_app()

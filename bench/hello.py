"""A bare Flask "hello" page, served with the same gunicorn settings as the app for comparison."""

from flask import Flask

app = Flask(__name__)


@app.get("/")
def hello() -> str:
    return "hello"

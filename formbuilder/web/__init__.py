"""HTTP only: blueprints parse the request, call one function below, render or redirect."""

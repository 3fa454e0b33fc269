"""`flask api token create|revoke` and `flask api webhooks deliver [--loop]`."""

from __future__ import annotations

import time

import click
from flask import Flask
from flask.cli import AppGroup

from . import tokens, webhooks

api = AppGroup("api", help="API tokens for core systems, and the webhook delivery worker.")
token = AppGroup("token", help="Create and revoke API tokens.")
hooks = AppGroup("webhooks", help="Deliver queued webhook events.")
api.add_command(token)
api.add_command(hooks)


@token.command("create")
@click.argument("name")
@click.option(
    "--department", "departments", multiple=True, required=True, help="A department whose forms it sees (repeat)."
)
@click.option("--write", is_flag=True, help="Also allow status changes (permission read+status).")
def create_command(name: str, departments: tuple[str, ...], write: bool) -> None:
    """Create a token; prints it once (only its hash is kept)."""
    try:
        issued = tokens.create(name, list(departments), "read+status" if write else "read")
    except tokens.TokenError as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(f"{name}: token {issued.secret}")
    click.echo(f"prefix {issued.token.prefix}, permission {issued.token.permission}; it is not shown again.")


@token.command("revoke")
@click.argument("prefix")
def revoke_command(prefix: str) -> None:
    """Revoke the token whose prefix is PREFIX (as listed on the admin page)."""
    try:
        row = tokens.revoke(prefix)
    except tokens.TokenError as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(f"{row.name} ({row.prefix}): revoked")


@hooks.command("deliver")
@click.option("--loop", is_flag=True, help="Keep running, looking for due deliveries every --interval seconds.")
@click.option("--interval", type=click.FloatRange(min=1), default=15.0, show_default=True)
def deliver_command(loop: bool, interval: float) -> None:
    """Post the webhook deliveries that are due; failures wait 1 min, 5 min, 30 min, 2 h, 12 h."""
    while True:
        report = webhooks.deliver_due()
        if report.delivered or report.failed or report.gave_up:
            click.echo(
                f"{report.delivered} delivered, {report.failed} failed (retried later), {report.gave_up} given up"
            )
        if not loop:
            return
        time.sleep(interval)


def init_app(app: Flask) -> None:
    app.cli.add_command(api)

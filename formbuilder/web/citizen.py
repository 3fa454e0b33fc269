"""The citizen's pages: list, start, one page at a time, check, submit, confirmation, receipt."""

from __future__ import annotations

from flask import Blueprint, Response, abort, current_app, g, make_response, redirect, render_template, request, url_for
from flask_babel import gettext

from ..backoffice import counter
from ..definitions.model import FormDefinition
from ..extensions import limiter
from ..flows import correction, drafts, exits, journey, versions
from ..flows.answers import evaluate_all
from ..flows.availability import now_state
from ..flows.lookup import by_credentials, by_id
from ..flows.secrets import canonical_secret
from ..flows.submit import StaleSubmit, submit
from ..flows.summary import answer_sections
from ..i18n import available_languages, current_language, remember_language, use_language
from ..markup import rich_filter
from . import availability, draft_cookie, draft_versions, procedures
from .downloads import receipt_response
from .rate_limits import configured

bp = Blueprint("citizen", __name__)
bp.add_app_template_filter(rich_filter, "rich")  # help texts with links (markup.py)


def _definition(slug: str) -> FormDefinition:
    """The form of a URL: the version the browser's draft began on, or the draft version for staff."""
    live = current_app.extensions["formbuilder.catalogue"].get(slug)
    drafted = draft_versions.wanted(slug)
    if drafted is not None:
        definition = drafted
    elif live is None:
        abort(404)
    else:
        definition = versions.of_draft(live, drafts.find(draft_cookie.token(), slug))
        draft_versions.refuse_to_citizens(definition)
    g.definition = definition
    return definition


def _page_of(slug: str, page_id: str) -> FormDefinition:
    """Return the form of a page URL, or 404 when the form has no such page."""
    definition = _definition(slug)
    if not any(p.id == page_id for p in definition.pages):
        abort(404)
    return definition


def _draft(slug: str, for_update: bool = False):
    g.draft = drafts.find(draft_cookie.token(), slug, for_update=for_update)
    return g.draft


@bp.app_context_processor
def _draft_banner() -> dict:
    """What the pages of a draft say about it: a correction (要再申請) or counter mode (窓口)."""
    draft = g.get("draft")
    if draft is None:
        return {}
    return {"correcting": correction.of_draft(draft), "counter_staff": counter.staff_name(draft)}


def _go(slug: str, target: str | None, code: int = 302, **query):
    if target is None:
        return redirect(url_for(".start", slug=slug, **query), code)
    if target == journey.CHECK:
        return redirect(url_for(".check", slug=slug, **query), code)
    if exits.exit_id(target) is not None:
        return redirect(url_for(".exit_page", slug=slug, exit_id=exits.exit_id(target), **query), code)
    return redirect(url_for(".page", slug=slug, page_id=target, **query), code)


@bp.after_app_request
def _remember_draft(response):
    return draft_cookie.set_cookie(response)


@bp.get("/")
def index():
    forms = current_app.extensions["formbuilder.catalogue"].listed()
    # A closed form stays listed with its dates: people look for it, and learn when it ran.
    periods = {form.slug: availability.listing(now_state(form)) for form in forms}
    query = request.args.get("q", "")[: procedures.MAX_QUERY].strip()
    if query:
        found = procedures.search(forms, query, current_language())
        return render_template("citizen/index.html", forms=forms, periods=periods, query=query, found=found)
    return render_template("citizen/index.html", forms=forms, periods=periods, groups=procedures.grouped(forms))


@bp.get("/accessibility")
def accessibility():
    """The accessibility statement: target, how the pages are tested, known limits, contact."""
    return render_template("citizen/accessibility.html")


@bp.get("/forms/<slug>")
def start(slug: str):
    definition = _definition(slug)
    draft = _draft(slug)
    return _start_page(definition, draft)


def _start_page(definition: FormDefinition, draft, notice: str | None = None) -> str:
    taking = now_state(definition)
    return render_template(
        "citizen/start.html",
        definition=definition,
        draft=draft,
        notice=notice,
        period=availability.period(taking),
        not_taking=availability.not_taking(taking),
    )


@bp.post("/forms/<slug>/start")
@limiter.limit(configured("RATELIMIT_DRAFT_START"))
def begin(slug: str):
    definition = _definition(slug)
    draft = _draft(slug)
    moved = draft is not None and g.get("draft_version") and not versions.began_on(draft, definition)
    if draft is None or draft.submission_id is not None or request.form.get("restart") or moved:
        if not now_state(definition).open:  # a draft begun earlier may still be read, not a new one
            return _start_page(definition, draft), 403
        draft = drafts.start(draft_cookie.fresh_token(), slug, current_language())
        versions.pin(draft, definition)
        return _go(slug, definition.pages[0].id)
    return _go(slug, journey.check_allowed(evaluate_all(definition, draft.answers), draft))


@bp.get("/forms/<slug>/pages/<page_id>")
def page(slug: str, page_id: str):
    definition = _page_of(slug, page_id)
    draft = _draft(slug)
    if draft is None or draft.submission_id is not None:
        return _go(slug, None)
    evaluation = evaluate_all(definition, draft.answers)
    allowed = journey.allowed_page(evaluation, draft, page_id)
    if allowed != page_id:
        return _go(slug, allowed)
    result = evaluation.result(page_id)
    return _render_page(definition, result, evaluation, show_errors=False, to_check=request.args.get("to_check") == "1")


def _sends_no_file() -> bool:
    return not any(f.filename for f in request.files.values())


@bp.post("/forms/<slug>/pages/<page_id>")
@limiter.limit(configured("RATELIMIT_UPLOAD"), exempt_when=_sends_no_file)
def save_page(slug: str, page_id: str):
    definition = _page_of(slug, page_id)
    draft = _draft(slug)
    if draft is None or draft.submission_id is not None:
        return _go(slug, None)
    action = request.form.get("action", "next")
    to_check = bool(request.form.get("to_check"))
    if action.startswith(journey.LANGUAGE):
        return _switch_language(definition, draft, page_id, action.removeprefix(journey.LANGUAGE), to_check)
    step = journey.post_page(definition, draft, page_id, request.form, action, to_check, files=request.files)
    if step.result is not None:
        evaluation = step.evaluation or evaluate_all(definition, draft.answers)
        page_view = _render_page(definition, step.result, evaluation, step.show_errors, to_check=to_check)
        return page_view, (422 if step.show_errors else 200)
    return _go(slug, step.target)


def _switch_language(definition: FormDefinition, draft, page_id: str, lang: str, to_check: bool):
    """A language of the switcher, pressed on a form page: keep what was typed, unchecked, then the page in `lang`.

    The files chosen go as with 戻る: kept, or the page again with a refused one's reason.
    """
    if lang not in available_languages():
        return render_template("citizen/error.html", status=400, text=gettext("この操作はできません。")), 400
    with use_language(lang):
        step = journey.post_page(
            definition, draft, page_id, request.form, journey.LANGUAGE + lang, to_check, files=request.files
        )
        if step.result is not None:
            evaluation = step.evaluation or evaluate_all(definition, draft.answers)
            page_view = _render_page(definition, step.result, evaluation, step.show_errors, to_check=to_check)
            response = make_response(page_view, 422 if step.show_errors else 200)
        else:
            again = {"to_check": 1} if to_check and step.target == page_id else {}
            response = _go(definition.slug, step.target, 303, **again, lang=lang)  # as language_url writes it
    return remember_language(response, lang)


def _render_page(definition, result, evaluation, show_errors: bool, notice: str | None = None, to_check: bool = False):
    order = journey.visible_ids(evaluation)
    return render_template(
        "citizen/page.html",
        definition=definition,
        result=result,
        page_errors=result.errors if show_errors else {},
        step=order.index(result.page.id) + 1,
        steps=len(order) + 1,
        to_check=to_check,
        notice=notice,
    )


@bp.get("/forms/<slug>/exit/<exit_id>")
def exit_page(slug: str, exit_id: str):
    """An eligibility exit: why this cannot be done online, what to do instead, whom to ask."""
    definition = _definition(slug)
    try:
        page, found = definition.exit(exit_id)
    except KeyError:
        abort(404)
    draft = _draft(slug)
    if draft is None or draft.submission_id is not None:
        return _go(slug, None)
    target = journey.check_allowed(evaluate_all(definition, draft.answers), draft)
    if target != exits.target(found):  # the answers no longer lead here (or lead elsewhere first)
        return _go(slug, target)
    return render_template("citizen/exit.html", definition=definition, exit=found, page=page)


@bp.get("/forms/<slug>/check")
def check(slug: str, notice: str | None = None, declaration_error: str | None = None):
    definition = _definition(slug)
    draft = _draft(slug)
    if draft is None or draft.submission_id is not None:
        return _go(slug, None)
    evaluation = evaluate_all(definition, draft.answers)
    target = journey.check_allowed(evaluation, draft)
    if target != journey.CHECK:
        return _go(slug, target)
    shown = {name for r in evaluation.pages for name, visible in r.shown.items() if visible}
    taking = now_state(definition) if draft.resubmits_id is None else None
    return render_template(
        "citizen/check.html",
        definition=definition,
        sections=answer_sections(definition, evaluation.values, current_language(), shown=shown),
        submit_token=draft.submit_token,
        steps=len(evaluation.pages) + 1,
        notice=notice or (availability.refused(taking) if taking else None),
        taking=taking is None or taking.open,
        declaration_error=declaration_error,
    )


@bp.post("/forms/<slug>/submit")
@limiter.limit(configured("RATELIMIT_SUBMIT"))
def send(slug: str):
    definition = _definition(slug)
    draft = _draft(slug, for_update=True)
    if draft is None:
        return _go(slug, None)
    if g.get("draft_version"):  # staff trying a draft version: nothing reaches the real submissions
        return check(slug, notice=gettext("プレビューのため、送信できません。")), 403
    if draft.submission_id is None and request.form.get("declaration") != "y":  # nothing sent, nothing lost
        label = gettext("以上の内容で申請します")
        shown = check(
            slug, declaration_error=gettext("＊申請するには、「%(label)s」にチェックを入れてください。", label=label)
        )
        return shown if isinstance(shown, Response) else (shown, 422)
    try:
        outcome = submit(
            definition, draft, request.form.get("submit_token", ""), current_language(), key=draft_cookie.token() or ""
        )
    except StaleSubmit:
        return redirect(url_for(".check", slug=slug))
    if outcome.closed:  # a correction sent after staff moved the application on: say it was not sent
        return redirect(url_for("applicant.view", unsent=1))
    if outcome.refused is not None:  # the period ended or the cap was reached: say so, keep the draft
        return check(slug, notice=availability.refused(outcome.refused)), 403
    if outcome.submission is None:
        return _go(slug, outcome.invalid_page)
    return redirect(url_for(".complete", slug=slug))


@bp.get("/forms/<slug>/complete")
def complete(slug: str):
    definition = _definition(slug)
    draft = _draft(slug)
    submission = by_id(draft.submission_id) if draft and draft.submission_id else None
    if submission is None:
        return _go(slug, None)
    return render_template(
        "citizen/complete.html",
        definition=definition,
        submission=submission,
        secret=drafts.secret_of(draft, draft_cookie.token()),
    )


@bp.get("/forms/<slug>/complete/receipt.pdf")
def complete_receipt(slug: str):
    _definition(slug)
    draft = _draft(slug)
    submission = by_id(draft.submission_id) if draft and draft.submission_id else None
    if submission is None:
        abort(404)
    return receipt_response(submission, drafts.secret_of(draft, draft_cookie.token()))


@bp.route("/receipt", methods=["GET", "POST"])
@limiter.limit(configured("RATELIMIT_RECEIPT_LOOKUP"), methods=["POST"])
def receipt_lookup():
    """Download a receipt again with the reference number and the secret printed on it."""
    error = None
    if request.method == "POST":
        reference = request.form.get("reference", "")
        secret = request.form.get("secret", "")
        submission = by_credentials(reference, secret)
        if submission is not None:
            return receipt_response(submission, canonical_secret(secret))
        error = gettext("＊受付番号または照会キーが正しくありません。控えに書かれたとおりに入力してください。")
    return render_template("citizen/receipt_lookup.html", error=error), (422 if error else 200)


def resume_after_csrf():
    """After an expired or missing form token: keep what was typed and show the page again."""
    args = request.view_args or {}
    notice = gettext(
        "画面を開いてから時間がたったため、送信できませんでした。入力した内容は残っています。確認して、もう一度ボタンを押してください。"
    )
    if request.endpoint == "citizen.receipt_lookup":
        again = gettext("画面を開いてから時間がたったため、送信できませんでした。照会キーをもう一度入力してください。")
        return render_template("citizen/receipt_lookup.html", error=None, notice=again), 400
    if request.endpoint == "citizen.send":
        slug = args.get("slug")
        draft = _draft(slug) if current_app.extensions["formbuilder.catalogue"].get(slug) is not None else None
        if draft is None or draft.submission_id is not None:
            return None
        shown = check(slug, notice=notice)
        return shown if isinstance(shown, Response) else (shown, 400)
    again = gettext("画面を開いてから時間がたったため、送信できませんでした。もう一度ボタンを押してください。")
    return resume_typed(notice, again, 400)


def resume_after_limit(wait: str):
    """Over the limit of new drafts or of file posts: the page again, what was typed kept, no file taken."""
    files = gettext(
        "短い時間に多くのファイルが送られたため、ファイルを受け付けられませんでした。"
        "入力した内容は残っています。しばらく待ってから、もう一度添付してください。"
    )
    return resume_typed(files, wait, 429)


def resume_typed(page_notice: str, start_notice: str, status: int):
    """Show the start page, or a form page with what was just typed kept, with a notice; else None."""
    args = request.view_args or {}
    slug = args.get("slug")
    definition = current_app.extensions["formbuilder.catalogue"].get(slug) if slug else None
    if slug is None or definition is None:
        return None
    draft = _draft(slug)
    if request.endpoint == "citizen.begin":
        return _start_page(definition, draft, notice=start_notice), status
    if draft is None or draft.submission_id is not None or request.endpoint != "citizen.save_page":
        return None
    evaluation = journey.keep_typed(definition, draft, args["page_id"], request.form)
    result = evaluation.result(args["page_id"]) if evaluation is not None else None
    if result is None:
        return None
    to_check = request.form.get("to_check") == "1"
    return _render_page(
        definition, result, evaluation, show_errors=False, notice=page_notice, to_check=to_check
    ), status


def resume_after_too_large():
    """A page posted with more than the body limit: show it again as last saved, saying why.

    Nothing of the post can be read (that is the point of the limit), so what was typed on
    this page since it was last sent is the one thing lost; the files and answers kept before
    are all there. With JavaScript, the browser refuses such files before sending.
    """
    args = request.view_args or {}
    if request.endpoint != "citizen.save_page":
        return None
    definition = current_app.extensions["formbuilder.catalogue"].get(args.get("slug"))
    draft = _draft(args["slug"]) if definition is not None else None
    if draft is None or draft.submission_id is not None:
        return None
    evaluation = evaluate_all(definition, draft.answers)
    if journey.allowed_page(evaluation, draft, args["page_id"]) != args["page_id"]:
        return None
    limit = f"{round(current_app.config['MAX_CONTENT_LENGTH'] / (1024 * 1024), 1):g}"
    notice = gettext(
        "送信した内容が大きすぎるため、受け付けられませんでした（一度に送れるのは合計%(limit)s MBまでです）。"
        "ファイルを1つずつ添付するか、小さくしてから、もう一度添付してください。",
        limit=limit,
    )
    return _render_page(definition, evaluation.result(args["page_id"]), evaluation, False, notice=notice), 413

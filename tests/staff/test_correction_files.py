"""A correction (要再申請) shows the submitted files as the applicant knows them; staff still see each hash."""

from __future__ import annotations

import re

from tests.staff.test_correction import _return, _start_correction, _submitted_child_allowance
from tests.staff.test_submissions import staff_client

PREVIEW = re.compile(r'<img class="thumb" src="([^"]+)"')


def test_the_correction_check_page_previews_the_submitted_files_without_hashes(app, runner):
    reference, secret = _submitted_child_allowance(app)
    staff = staff_client(app, runner, "kodomo", "staff", "child")
    _return(staff, reference)
    citizen = _start_correction(app, reference, secret)

    check = citizen.check().get_data(as_text=True)
    assert "SHA-256" not in check
    sources = PREVIEW.findall(check)
    assert len(sources) == 2, check  # the two photos sent, now the correction draft's
    for src in sources:
        picture = citizen.client.get(src)
        assert picture.status_code == 200 and picture.mimetype == "image/jpeg"
        assert app.test_client().get(src).status_code == 404  # anyone else's browser
        assert staff.get(src).status_code == 404  # staff see them on their own pages, not through a draft

    # Staff's page keeps each file's SHA-256 in its answer, as before.
    detail = staff.get(f"/staff/submissions/{reference}").get_data(as_text=True)
    assert len(re.findall(r"）\nSHA-256: [0-9a-f]{64}", detail)) == 2, detail

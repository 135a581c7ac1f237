"""The web page in a real headless browser against the embedded AWS: pick the sample meal's video, see
it upload, follow the job to COMPLETED, read the report, correct one item's grams and see the totals
change. The stack runs the ``scene`` backend (the sample's rendered ground truth, no models), so the
items are the sample's five foods; then a correction that another client beat (412), a food added
(refused at 0 g first), and a file that is no video. A screenshot of each step is kept (the folder is printed).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from ops.demo import SAMPLE_VIDEO
from ops.run_job import Deployment
from tests.web.browser import headless_chromium, text_of, wait_for
from tests.web.stack import page_url, scene_stack

JOB_TIMEOUT_S = 420.0
STEP_TIMEOUT_S = 30.0
FINAL = ("COMPLETED", "FAILED")

pytestmark = [pytest.mark.embedded, pytest.mark.slow, pytest.mark.timeout(900)]


@pytest.fixture(scope="module")
def deployment() -> Iterator[Deployment]:
    yield from scene_stack()


def _wait(driver, condition, timeout_s: float = STEP_TIMEOUT_S, what: str | Callable[[], str] = ""):
    return wait_for(driver, condition, timeout_s=timeout_s, what=what)



def _follow_to_the_end(driver, shots: Path) -> list[str]:
    """Poll the page's job steps until it shows a final status; a screenshot per status seen."""
    from selenium.webdriver.common.by import By

    seen: list[str] = []
    deadline = time.monotonic() + JOB_TIMEOUT_S
    while time.monotonic() < deadline:
        status = driver.find_element(By.ID, "job-steps").get_attribute("data-status")
        if status and (not seen or seen[-1] != status):
            seen.append(status)
            driver.save_screenshot(str(shots / f"3-job-{len(seen)}-{status.lower()}.png"))
        if status in FINAL:
            return seen
        time.sleep(0.25)
    raise AssertionError(f"the page still showed {seen[-1] if seen else 'nothing'} after {JOB_TIMEOUT_S:.0f} s")


def _shown_totals(driver) -> dict[str, float]:
    from selenium.webdriver.common.by import By

    return {box.get_attribute("data-nutrient"): float(box.find_element(By.TAG_NAME, "dd").get_attribute("data-value"))
            for box in driver.find_elements(By.CSS_SELECTOR, "#totals > div")}


def test_upload_follow_report_and_correct_in_a_browser(deployment: Deployment, screenshots: Path) -> None:
    from selenium.webdriver.common.by import By

    with headless_chromium() as driver:
        driver.get(page_url(deployment))
        _wait(driver, lambda d: d.find_element(By.ID, "upload-form").is_displayed(), what="the page did not load")
        assert not driver.find_element(By.ID, "key-section").is_displayed()  # this stack has no API key
        driver.save_screenshot(str(screenshots / "1-page.png"))

        driver.find_element(By.ID, "video-file").send_keys(str(SAMPLE_VIDEO))
        driver.find_element(By.ID, "upload-button").click()
        _wait(driver, lambda d: d.find_element(By.ID, "job-section").is_displayed(), what="the upload did not finish")
        assert driver.find_element(By.ID, "upload-progress").get_attribute("value") == "100"
        assert text_of(driver, "#upload-message") == f"uploaded {SAMPLE_VIDEO.name}"
        driver.save_screenshot(str(screenshots / "2-uploaded.png"))

        statuses = _follow_to_the_end(driver, screenshots)
        job_id = text_of(driver, "#job-id")
        assert statuses[-1] == "COMPLETED", (statuses, text_of(driver, "#job-message"))
        logged = [line.get_attribute("data-status") for line in driver.find_elements(By.CSS_SELECTOR, "#job-log li")]
        assert logged[-1] == "COMPLETED" and "ANALYZING" in logged, logged

        analysed = deployment.api.results(job_id)
        items = analysed["results"]["items"]
        _wait(driver, lambda d: len(d.find_elements(By.CSS_SELECTOR, "#items-table tbody tr")) == len(items) > 0,
              what="the items table did not show every item")
        rows = driver.find_elements(By.CSS_SELECTOR, "#items-table tbody tr")
        assert [row.get_attribute("data-item-id") for row in rows] == [item["id"] for item in items]
        assert [row.find_elements(By.TAG_NAME, "td")[1].text for row in rows] == [item["label"] for item in items]
        assert _shown_totals(driver) == pytest.approx(analysed["results"]["totals"])
        bars = driver.find_elements(By.CSS_SELECTOR, "#macro-chart rect.bar")
        assert {bar.get_attribute("data-field") for bar in bars} == {"protein_g", "fat_g", "carbs_g", "fiber_g", "sugars_g"}
        assert all(float(bar.get_attribute("width")) > 0 for bar in bars
                   if float(bar.get_attribute("data-grams")) > 0)
        _wait(driver, lambda d: all(d.execute_script("return arguments[0].complete && arguments[0].naturalWidth", img)
                                    for img in d.find_elements(By.CSS_SELECTOR, "#keyframes img")),
              what="the keyframe images did not load")
        assert len(driver.find_elements(By.CSS_SELECTOR, "#keyframes img")) == len(analysed["overlays"]) > 0
        driver.save_screenshot(str(screenshots / "4-report.png"))

        item = items[0]
        new_grams = round(item["mass_g"] * 2)
        row = rows[0]
        row.find_element(By.NAME, "grams").send_keys(str(new_grams))
        row.find_element(By.NAME, "apply").click()
        _wait(driver, lambda d: d.find_element(By.ID, "report-meta").get_attribute("data-version") == "2",
              what=lambda: f"the correction was not shown: {text_of(driver, '#correction-message')}")
        driver.save_screenshot(str(screenshots / "5-corrected.png"))
        corrected = deployment.api.results(job_id)["results"]
        assert _shown_totals(driver) == pytest.approx(corrected["totals"])
        assert text_of(driver, '#totals [data-nutrient="kcal"] .was').startswith("was ")

        # another client corrects the meal meanwhile: the page, still on version 2, is refused and shows version 3
        other = items[1]
        deployment.api.correct(job_id, [{"action": "set", "item_id": other["id"], "grams": round(other["mass_g"]) + 10}],
                               headers={"If-Match": "2"})
        row = driver.find_elements(By.CSS_SELECTOR, "#items-table tbody tr")[0]
        row.find_element(By.NAME, "label").send_keys("brown rice")
        row.find_element(By.NAME, "apply").click()
        _wait(driver, lambda d: d.find_element(By.ID, "report-meta").get_attribute("data-version") == "3",
              what=lambda: f"the conflict was not shown: {text_of(driver, '#correction-message')}")
        assert text_of(driver, "#correction-message").startswith("VERSION_CONFLICT: ")
        latest = deployment.api.results(job_id)["results"]
        assert latest["version"] == 3 and "brown rice" not in [i["label"] for i in latest["items"]]
        assert _shown_totals(driver) == pytest.approx(latest["totals"])
        driver.save_screenshot(str(screenshots / "6-version-conflict.png"))

        # a food the analysis missed: refused with its code at 0 g, added at 150 g
        driver.find_element(By.ID, "add-label").send_keys("apple")
        driver.find_element(By.ID, "add-grams").send_keys("0")
        driver.find_element(By.CSS_SELECTOR, "#add-form button").click()
        _wait(driver, lambda d: text_of(d, "#correction-message").startswith("INVALID_GRAMS: "),
              what=lambda: f"0 g was not refused: {text_of(driver, '#correction-message')}")
        assert driver.find_element(By.ID, "report-meta").get_attribute("data-version") == "3"
        grams = driver.find_element(By.ID, "add-grams")
        grams.clear()
        grams.send_keys("150")
        driver.find_element(By.CSS_SELECTOR, "#add-form button").click()
        _wait(driver, lambda d: d.find_element(By.ID, "report-meta").get_attribute("data-version") == "4",
              what=lambda: f"the added item was not shown: {text_of(driver, '#correction-message')}")
        labels = [row.find_elements(By.TAG_NAME, "td")[1].text
                  for row in driver.find_elements(By.CSS_SELECTOR, "#items-table tbody tr")]
        assert labels[-1] == "apple" and len(labels) == len(items) + 1
        history = [line.get_attribute("data-version") for line in driver.find_elements(By.CSS_SELECTOR, "#corrections li")]
        assert history == ["2", "3", "4"] and "added apple, 150 g" in text_of(driver, '#corrections li[data-version="4"]')
        assert _shown_totals(driver) == pytest.approx(deployment.api.results(job_id)["results"]["totals"])
        driver.save_screenshot(str(screenshots / "7-item-added.png"))

    assert corrected["version"] == 2
    [changed] = [i for i in corrected["items"] if i["id"] == item["id"]]
    assert changed["mass_g"] == pytest.approx(new_grams)
    before, after = analysed["results"]["totals"]["kcal"], corrected["totals"]["kcal"]
    item_kcal = item["nutrients"]["kcal"]
    assert after == pytest.approx(before - item_kcal + item_kcal * new_grams / item["mass_g"], abs=1.0)
    assert after > before


def test_a_failed_analysis_shows_its_code(deployment: Deployment, screenshots: Path, tmp_path: Path) -> None:
    """A file that is no video, named and typed as one, goes through the upload and fails validation."""
    from selenium.webdriver.common.by import By

    not_a_video = tmp_path / "shopping.mp4"
    not_a_video.write_text("eggs, milk, bread\n" * 40)
    with headless_chromium() as driver:
        driver.get(page_url(deployment))
        driver.find_element(By.ID, "video-file").send_keys(str(not_a_video))
        driver.find_element(By.ID, "upload-button").click()
        _wait(driver, lambda d: d.find_element(By.ID, "job-steps").get_attribute("data-status") in FINAL,
              timeout_s=JOB_TIMEOUT_S, what="the job never ended")
        assert driver.find_element(By.ID, "job-steps").get_attribute("data-status") == "FAILED"
        assert text_of(driver, "#job-message").startswith("the analysis failed: NOT_A_VIDEO: ")
        steps = {step.get_attribute("data-status"): step.get_attribute("class")
                 for step in driver.find_elements(By.CSS_SELECTOR, "#job-steps li")}
        assert steps["PENDING_UPLOAD"] == steps["QUEUED"] == "done" and steps["FAILED"] == "failed", steps
        assert not driver.find_element(By.ID, "report-section").is_displayed()
        driver.save_screenshot(str(screenshots / "8-failed.png"))

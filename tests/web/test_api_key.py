"""The web page on a stack that asks for an API key (``auth.mode = "api_key"``): the page itself opens
without one, asks for it, refuses a wrong one, and with the right one runs a job to its report."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from ops.demo import SAMPLE_VIDEO
from ops.run_job import Deployment
from tests.web.browser import headless_chromium, text_of, wait_for
from tests.web.stack import page_url, scene_stack

STEP_TIMEOUT_S = 30.0
JOB_TIMEOUT_S = 420.0

pytestmark = [pytest.mark.embedded, pytest.mark.slow, pytest.mark.timeout(900)]


@pytest.fixture(scope="module")
def deployment() -> Iterator[Deployment]:
    yield from scene_stack({"auth.mode": "api_key"})


def _enter_key(driver, key: str) -> None:
    from selenium.webdriver.common.by import By

    driver.find_element(By.ID, "api-key").send_keys(key)
    driver.find_element(By.CSS_SELECTOR, "#key-form button").click()


def test_the_page_asks_for_the_key_and_uses_it(deployment: Deployment, screenshots: Path) -> None:
    from selenium.webdriver.common.by import By

    apigateway = deployment.target.client("apigateway")
    [key] = [item["value"] for item in apigateway.get_api_keys(includeValues=True)["items"]]
    with headless_chromium() as driver:
        driver.get(page_url(deployment))
        wait_for(driver, lambda d: d.find_element(By.ID, "key-section").is_displayed(), timeout_s=STEP_TIMEOUT_S,
                 what="the page did not ask for the key")
        driver.save_screenshot(str(screenshots / "1-asks-for-the-key.png"))

        _enter_key(driver, "not-the-key")
        wait_for(driver, lambda d: text_of(d, "#key-message").startswith("the API refused this key"),
                 timeout_s=STEP_TIMEOUT_S, what=lambda: f"a wrong key was not refused: {text_of(driver, '#key-message')}")

        _enter_key(driver, key)
        wait_for(driver, lambda d: text_of(d, "#key-message") == "key accepted", timeout_s=STEP_TIMEOUT_S,
                 what=lambda: f"the key was not accepted: {text_of(driver, '#key-message')}")
        driver.save_screenshot(str(screenshots / "2-key-accepted.png"))

        driver.find_element(By.ID, "video-file").send_keys(str(SAMPLE_VIDEO))
        driver.find_element(By.ID, "upload-button").click()
        wait_for(driver, lambda d: d.find_element(By.ID, "report-section").is_displayed(), timeout_s=JOB_TIMEOUT_S,
                 what=lambda: f"no report: {text_of(driver, '#upload-message')} / {text_of(driver, '#job-message')}")
        assert driver.find_elements(By.CSS_SELECTOR, "#items-table tbody tr")
        driver.save_screenshot(str(screenshots / "3-report-with-the-key.png"))

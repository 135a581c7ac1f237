"""A headless Chromium driven through WebDriver: Debian's ``chromium`` and ``chromium-driver`` packages
(``make test`` installs them when missing; a browser that downloads itself cannot run here)."""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from contextlib import contextmanager

import pytest

BROWSER_NAMES = ("chromium", "chromium-browser")
DRIVER_NAME = "chromedriver"
INSTALL_HINT = "apt-get install -y chromium chromium-driver (make test does it when it runs as root)"
WINDOW = (1280, 3000)
"""Tall enough for the whole report in each screenshot (px)."""
PAGE_LOAD_TIMEOUT_S = 30


def browser_binaries() -> tuple[str, str]:
    """Paths of the browser and its driver; skips the test, saying how to install them, when either is missing."""
    browser = next((path for name in BROWSER_NAMES if (path := shutil.which(name))), None)
    driver = shutil.which(DRIVER_NAME)
    if browser is None or driver is None:
        missing = [name for name, path in (("chromium", browser), (DRIVER_NAME, driver)) if path is None]
        pytest.skip(f"no {' or '.join(missing)} on this machine: {INSTALL_HINT}")
    return browser, driver


@contextmanager
def headless_chromium() -> Iterator["webdriver.Chrome"]:  # noqa: F821 - selenium imported lazily
    """A headless Chromium window of ``WINDOW`` pixels, closed on the way out."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    browser, driver_path = browser_binaries()
    options = webdriver.ChromeOptions()
    options.binary_location = browser
    for argument in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                     "--no-first-run", "--disable-extensions", f"--window-size={WINDOW[0]},{WINDOW[1]}"):
        options.add_argument(argument)
    driver = webdriver.Chrome(service=Service(driver_path), options=options)
    driver.set_page_load_timeout(PAGE_LOAD_TIMEOUT_S)
    try:
        yield driver
    finally:
        driver.quit()


def wait_for(driver, condition, *, timeout_s: float, what: str | Callable[[], str]):
    """Poll ``condition(driver)`` every 0.25 s until it is truthy; after ``timeout_s`` fail saying ``what``
    (a callable is asked then, so it can describe the page as it is at the end)."""
    from selenium.common.exceptions import TimeoutException
    from selenium.webdriver.support.ui import WebDriverWait

    try:
        return WebDriverWait(driver, timeout_s, poll_frequency=0.25).until(condition)
    except TimeoutException:
        raise AssertionError(f"after {timeout_s:.0f} s: {what() if callable(what) else what}") from None


def text_of(driver, css: str) -> str:
    """The visible text of the element ``css`` selects."""
    from selenium.webdriver.common.by import By

    return driver.find_element(By.CSS_SELECTOR, css).text

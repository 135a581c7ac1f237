"""The web page on a stack that signs people in (``auth.mode = "jwt"``, the stack's Cognito user pool on the
embedded AWS): the page shows a sign-in form, signs in against the embedded Cognito from the browser,
lists the person's own jobs only, says clearly when the password is wrong, goes back to the form when
the API refuses the token (401) and signs out; an account an administrator created asks for a new
password at its first sign-in, and with ``auth.self_sign_up`` a person signs up and confirms the e-mail
code. No job is analysed here (jobs are created, not uploaded), so it is quick.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
import requests

from local_aws import EmbeddedAws
from local_aws.bridges.apigateway import api_url_from_output
from ops.aws import local_target
from ops.console import RecordingReporter
from ops.pipeline_deploy import deploy_pipeline
from pipeline.config import load_config
from pipeline.routes import WEB_PAGE
from templates.names import MainOutput
from tests.web.browser import headless_chromium, text_of, wait_for

STEP_TIMEOUT_S = 30.0
PASSWORD = "Correct-Horse-9-Battery"
ALICE, BOB, CAROL, DAVE = "alice@example.com", "bob@example.com", "carol@example.com", "dave@example.com"
SIGN_IN_STORAGE = "nutrition-video-sign-in"

pytestmark = [pytest.mark.embedded, pytest.mark.slow, pytest.mark.timeout(600)]


@dataclass(frozen=True)
class SignInStack:
    aws: EmbeddedAws
    api_url: str
    pool_id: str
    client_id: str

    @property
    def page_url(self) -> str:
        return self.api_url.rstrip("/") + WEB_PAGE.path

    def add_person(self, email: str, *, temporary: bool = False) -> None:
        """What an administrator does (self sign-up is off): a permanent password, or a temporary one."""
        idp = self.aws.client("cognito-idp")
        idp.admin_create_user(UserPoolId=self.pool_id, Username=email, MessageAction="SUPPRESS",
                              **({"TemporaryPassword": PASSWORD} if temporary else {}))
        if not temporary:
            idp.admin_set_user_password(UserPoolId=self.pool_id, Username=email, Password=PASSWORD, Permanent=True)

    def create_job(self, email: str, filename: str) -> str:
        """A job created through the API with ``email``'s own token."""
        tokens = self.aws.client("cognito-idp").initiate_auth(
            ClientId=self.client_id, AuthFlow="USER_PASSWORD_AUTH",
            AuthParameters={"USERNAME": email, "PASSWORD": PASSWORD})["AuthenticationResult"]
        answer = requests.post(f"{self.api_url}/jobs", timeout=60,
                               headers={"Authorization": f"Bearer {tokens['AccessToken']}"},
                               json={"filename": filename, "content_type": "video/mp4", "size_bytes": 2048})
        assert answer.status_code == 201, answer.text
        return answer.json()["job_id"]


@pytest.fixture(scope="module")
def stack() -> Iterator[SignInStack]:
    config = load_config("dev", overrides={"environment": "webjwt", "auth.mode": "jwt", "auth.self_sign_up": True})
    with pytest.MonkeyPatch.context() as patch:
        for name, value in {"AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing",
                            "AWS_DEFAULT_REGION": config.region}.items():
            patch.setenv(name, value)
        with EmbeddedAws(port=0, region=config.region) as aws:
            outputs = deploy_pipeline(config, local_target(config.region, aws.port), reporter=RecordingReporter()).main
            yield SignInStack(aws, api_url_from_output(aws.endpoint_url, outputs[MainOutput.API_URL.value]),
                              outputs[MainOutput.USER_POOL_ID.value], outputs[MainOutput.USER_POOL_CLIENT_ID.value])


def _sign_in(driver, email: str, password: str) -> None:
    from selenium.webdriver.common.by import By

    driver.find_element(By.ID, "sign-in-email").clear()
    driver.find_element(By.ID, "sign-in-email").send_keys(email)
    driver.find_element(By.ID, "sign-in-password").send_keys(password)
    driver.find_element(By.ID, "sign-in-button").click()


def _shown(driver, element_id: str) -> bool:
    from selenium.webdriver.common.by import By

    return driver.find_element(By.ID, element_id).is_displayed()


def _listed_jobs(driver) -> list[str]:
    from selenium.webdriver.common.by import By

    return [item.get_attribute("data-job-id") for item in driver.find_elements(By.CSS_SELECTOR, "#jobs-list li")]


def test_a_person_signs_in_sees_only_their_own_jobs_and_signs_out(stack: SignInStack, screenshots: Path) -> None:
    from selenium.webdriver.common.by import By

    stack.add_person(ALICE)
    stack.add_person(BOB)
    alices = [stack.create_job(ALICE, "breakfast.mp4"), stack.create_job(ALICE, "lunch.mp4")]
    bobs = stack.create_job(BOB, "dinner.mp4")
    with headless_chromium() as driver:
        driver.get(stack.page_url)
        wait_for(driver, lambda d: _shown(d, "sign-in-section"), timeout_s=STEP_TIMEOUT_S,
                 what="the page did not show the sign-in form")
        assert not any(_shown(driver, part) for part in ("upload-section", "key-section", "account-section"))
        assert _shown(driver, "sign-up-offer")  # this pool lets people sign up
        driver.save_screenshot(str(screenshots / "1-sign-in-form.png"))

        _sign_in(driver, ALICE, "Wrong-Password-1")
        wait_for(driver, lambda d: "Incorrect username or password" in text_of(d, "#sign-in-message"),
                 timeout_s=STEP_TIMEOUT_S, what=lambda: f"no clear refusal: {text_of(driver, '#sign-in-message')!r}")
        assert "NotAuthorizedException" in text_of(driver, "#sign-in-message")
        assert not _shown(driver, "upload-section") and not _shown(driver, "account-section")
        driver.save_screenshot(str(screenshots / "2-wrong-password.png"))

        _sign_in(driver, ALICE, PASSWORD)
        wait_for(driver, lambda d: len(_listed_jobs(d)) == 2, timeout_s=STEP_TIMEOUT_S,
                 what=lambda: f"alice's jobs were not listed: {_listed_jobs(driver)} {text_of(driver, '#jobs-message')!r}")
        assert _listed_jobs(driver) == alices[::-1] and bobs not in _listed_jobs(driver)  # newest first, hers only
        assert text_of(driver, "#account-email") == ALICE and _shown(driver, "upload-section")
        kept = driver.execute_script(f"return JSON.parse(window.sessionStorage.getItem('{SIGN_IN_STORAGE}'))")
        assert set(kept) == {"email", "accessToken", "expiresAt"}  # no refresh or ID token is kept
        assert not driver.execute_script("return window.localStorage.length")
        driver.save_screenshot(str(screenshots / "3-signed-in-with-her-jobs.png"))

        driver.find_element(By.CSS_SELECTOR, f"#jobs-list li[data-job-id='{alices[0]}'] button").click()
        wait_for(driver, lambda d: text_of(d, "#job-id") == alices[0], timeout_s=STEP_TIMEOUT_S,
                 what="her job did not open")
        wait_for(driver, lambda d: d.find_element(By.ID, "job-steps").get_attribute("data-status") == "PENDING_UPLOAD",
                 timeout_s=STEP_TIMEOUT_S, what=lambda: f"her job's status: {text_of(driver, '#job-message')!r}")

        driver.find_element(By.ID, "sign-out-button").click()
        wait_for(driver, lambda d: _shown(d, "sign-in-section"), timeout_s=STEP_TIMEOUT_S, what="sign-out did nothing")
        assert driver.execute_script(f"return window.sessionStorage.getItem('{SIGN_IN_STORAGE}')") is None
        assert not any(_shown(driver, part) for part in ("jobs-section", "job-section", "account-section"))
        assert not _listed_jobs(driver)
        driver.save_screenshot(str(screenshots / "4-signed-out.png"))


def test_a_token_the_api_refuses_brings_the_form_back(stack: SignInStack) -> None:
    """What an expired or revoked token meets: the API's 401 (here a token of no pool, unexpired for the page)."""
    with headless_chromium() as driver:
        driver.get(stack.page_url)
        wait_for(driver, lambda d: _shown(d, "sign-in-section"), timeout_s=STEP_TIMEOUT_S, what="no sign-in form")
        driver.execute_script(
            f"window.sessionStorage.setItem('{SIGN_IN_STORAGE}', JSON.stringify("
            "{email: 'someone@example.com', accessToken: 'not.a.token', expiresAt: Date.now() + 3600000}))")
        driver.refresh()
        wait_for(driver, lambda d: "sign in again" in text_of(d, "#sign-in-message"), timeout_s=STEP_TIMEOUT_S,
                 what=lambda: f"the 401 did not bring the form back: {text_of(driver, '#sign-in-message')!r}")
        assert _shown(driver, "sign-in-section") and not _shown(driver, "upload-section")
        assert driver.execute_script(f"return window.sessionStorage.getItem('{SIGN_IN_STORAGE}')") is None


def test_a_first_sign_in_with_a_temporary_password_asks_for_a_new_one(stack: SignInStack, screenshots: Path) -> None:
    from selenium.webdriver.common.by import By

    stack.add_person(CAROL, temporary=True)
    with headless_chromium() as driver:
        driver.get(stack.page_url)
        wait_for(driver, lambda d: _shown(d, "sign-in-section"), timeout_s=STEP_TIMEOUT_S, what="no sign-in form")
        _sign_in(driver, CAROL, PASSWORD)
        wait_for(driver, lambda d: _shown(d, "new-password-form"), timeout_s=STEP_TIMEOUT_S,
                 what=lambda: f"no new-password form: {text_of(driver, '#sign-in-message')!r}")
        driver.save_screenshot(str(screenshots / "5-choose-a-new-password.png"))
        driver.find_element(By.ID, "new-password").send_keys("Another-Horse-7-Battery")
        driver.find_element(By.CSS_SELECTOR, "#new-password-form button").click()
        wait_for(driver, lambda d: _shown(d, "account-section"), timeout_s=STEP_TIMEOUT_S,
                 what=lambda: f"not signed in after the new password: {text_of(driver, '#sign-in-message')!r}")
        assert text_of(driver, "#account-email") == CAROL
        wait_for(driver, lambda d: text_of(d, "#jobs-message").startswith("no meals yet"), timeout_s=STEP_TIMEOUT_S,
                 what=lambda: f"her (empty) list: {text_of(driver, '#jobs-message')!r}")


def test_a_person_signs_up_confirms_the_code_and_signs_in(stack: SignInStack, screenshots: Path) -> None:
    """The embedded Cognito e-mails nothing and takes any code; on AWS the code comes by e-mail."""
    from selenium.webdriver.common.by import By

    with headless_chromium() as driver:
        driver.get(stack.page_url)
        wait_for(driver, lambda d: _shown(d, "sign-up-offer"), timeout_s=STEP_TIMEOUT_S, what="no sign-up offer")
        driver.find_element(By.ID, "sign-up-open").click()
        driver.find_element(By.ID, "sign-up-email").send_keys(DAVE)
        driver.find_element(By.ID, "sign-up-password").send_keys(PASSWORD)
        driver.find_element(By.ID, "sign-up-button").click()
        wait_for(driver, lambda d: _shown(d, "confirm-form"), timeout_s=STEP_TIMEOUT_S,
                 what=lambda: f"no code asked for: {text_of(driver, '#sign-in-message')!r}")
        driver.save_screenshot(str(screenshots / "6-confirm-the-code.png"))
        driver.find_element(By.ID, "confirm-code").send_keys("123456")
        driver.find_element(By.CSS_SELECTOR, "#confirm-form button").click()
        wait_for(driver, lambda d: text_of(d, "#sign-in-message").startswith("your account is ready"),
                 timeout_s=STEP_TIMEOUT_S, what=lambda: f"not confirmed: {text_of(driver, '#sign-in-message')!r}")
        assert driver.find_element(By.ID, "sign-in-email").get_attribute("value") == DAVE
        driver.find_element(By.ID, "sign-in-password").send_keys(PASSWORD)
        driver.find_element(By.ID, "sign-in-button").click()
        wait_for(driver, lambda d: _shown(d, "account-section"), timeout_s=STEP_TIMEOUT_S,
                 what=lambda: f"not signed in: {text_of(driver, '#sign-in-message')!r}")
        assert text_of(driver, "#account-email") == DAVE
    user = stack.aws.client("cognito-idp").admin_get_user(UserPoolId=stack.pool_id, Username=DAVE)
    assert user["UserStatus"] == "CONFIRMED"

"use strict";
// The web page's behaviour. It talks only to the public API, from the same origin: the page is served at
// {stage}/app, so every route is relative to the stage ("jobs", "health"). The upload goes to S3 with the
// presigned POST that POST /jobs returns. Data is put on the page with textContent, never as HTML.
// With auth.mode = "jwt" the page signs in against Cognito's API directly (InitiateAuth, USER_PASSWORD_AUTH,
// the stack's public app client; endpoint and client id come in the <body>'s data- attributes) and sends the
// access token as "Authorization: Bearer" on every API call. The token is kept in sessionStorage (this tab
// only, gone when it closes; it survives a reload during a long analysis) with its expiry; the refresh and
// ID tokens are never kept, so at most one short-lived access token is ever stored. An expired token, or
// the API's 401, brings the sign-in form back. When the pool allows it (auth.self_sign_up), the page also
// signs people up (SignUp, then ConfirmSignUp with the code Cognito e-mails).
(() => {
  // {stage}/app or {stage}/app/ (API Gateway serves both) -> {stage}/
  const PAGE_PATH = window.location.pathname.replace(/\/+$/, "");
  const API_BASE = new URL(PAGE_PATH.slice(0, PAGE_PATH.lastIndexOf("/") + 1), window.location.origin);
  const KEY_STORAGE = "nutrition-video-api-key";
  const SIGN_IN_STORAGE = "nutrition-video-sign-in";
  const SIGN_IN = document.body.dataset;  // authMode, signInEndpoint, signInClient (lambdas/api/web_page.py)
  const SIGNS_IN = SIGN_IN.authMode === "jwt";
  const COGNITO_TARGET = "AWSCognitoIdentityProviderService.";
  const EXPIRY_MARGIN_MS = 30000;  // a token this close to its expiry is not sent
  const POLL_MS = 1000;
  const JOB_STEPS = ["PENDING_UPLOAD", "QUEUED", "ANALYZING", "COMPLETED"];
  const STEP_NAMES = {PENDING_UPLOAD: "waiting for the upload", QUEUED: "queued", ANALYZING: "analysing",
                      COMPLETED: "completed", FAILED: "failed"};
  const VIDEO_TYPES = {mp4: "video/mp4", m4v: "video/x-m4v", mov: "video/quicktime", webm: "video/webm",
                       mkv: "video/x-matroska", avi: "video/x-msvideo"};
  // [field of results.totals, label, unit, decimals]
  const NUTRIENTS = [["kcal", "energy", "kcal", 0], ["protein_g", "protein", "g", 1], ["fat_g", "fat", "g", 1],
                     ["carbs_g", "carbohydrates", "g", 1], ["fiber_g", "fibre", "g", 1], ["sugars_g", "sugars", "g", 1],
                     ["sodium_mg", "sodium", "mg", 0]];
  const MACROS = [["protein_g", "protein"], ["fat_g", "fat"], ["carbs_g", "carbohydrates"], ["fiber_g", "fibre"],
                  ["sugars_g", "sugars"]];
  const SVG_NS = "http://www.w3.org/2000/svg";

  const $ = (id) => document.getElementById(id);
  const state = {jobId: null, results: null, previousTotals: null, challenge: null, nextJobs: null, signingUp: null};

  class ApiFailure extends Error {
    constructor(status, body) {
      const code = (body && body.code) || (status === 403 ? "FORBIDDEN" : `HTTP_${status}`);
      const message = (body && body.message) || `the API answered ${status}`;
      super(`${code}: ${message}`);
      this.status = status;
      this.code = code;
      this.value = body ? body.value : undefined;
    }
  }

  function say(element, text, kind) {
    element.textContent = text;
    element.className = `message${kind ? " " + kind : ""}`;
  }

  function el(tag, attributes, ...children) {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attributes || {})) node.setAttribute(name, value);
    for (const child of children) node.append(child);
    return node;
  }

  function fixed(value, decimals) {
    return Number(value).toLocaleString("en-US", {minimumFractionDigits: decimals, maximumFractionDigits: decimals});
  }

  function randomKey() {
    const bytes = new Uint8Array(16);
    window.crypto.getRandomValues(bytes);
    return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
  }

  // --- signing in (auth.mode = "jwt") --------------------------------------------------------
  class SignInFailure extends Error {}

  function signedIn() {
    let kept = null;
    try { kept = JSON.parse(window.sessionStorage.getItem(SIGN_IN_STORAGE) || "null"); } catch (error) { kept = null; }
    return kept && kept.accessToken && kept.expiresAt - EXPIRY_MARGIN_MS > Date.now() ? kept : null;
  }

  async function cognito(action, request) {
    let response;
    try {
      response = await fetch(SIGN_IN.signInEndpoint, {
        method: "POST", cache: "no-store", body: JSON.stringify(request),
        headers: {"Content-Type": "application/x-amz-json-1.1", "X-Amz-Target": COGNITO_TARGET + action}});
    } catch (error) {
      throw new SignInFailure(`the sign-in service did not answer (${error.message})`);
    }
    let data = null;
    try { data = await response.json(); } catch (error) { data = null; }
    if (!response.ok) {
      const code = String((data && data.__type) || `HTTP_${response.status}`).split("#").pop();
      const message = (data && (data.message || data.Message)) || `the sign-in service answered ${response.status}`;
      throw new SignInFailure(`sign-in refused: ${message} (${code})`);
    }
    return data;
  }

  function keepSignIn(email, result) {
    // only the access token: the API's authorizer checks its scope; refresh and ID tokens are dropped
    window.sessionStorage.setItem(SIGN_IN_STORAGE, JSON.stringify(
      {email, accessToken: result.AccessToken, expiresAt: Date.now() + 1000 * Number(result.ExpiresIn)}));
    showSignedIn();
  }

  // One step of a sign-in form: its button off meanwhile, a refusal shown, the secret field emptied after.
  async function signInStep(form, secret, step) {
    const button = form.querySelector("button[type=submit]");
    button.disabled = true;
    try {
      await step();
    } catch (error) {
      say($("sign-in-message"), error.message, "error");
    } finally {
      secret.value = "";
      button.disabled = false;
    }
  }

  function signIn(event) {
    event.preventDefault();
    const email = $("sign-in-email").value.trim();
    say($("sign-in-message"), "signing in");
    return signInStep($("sign-in-form"), $("sign-in-password"), async () => {
      const answer = await cognito("InitiateAuth", {AuthFlow: "USER_PASSWORD_AUTH", ClientId: SIGN_IN.signInClient,
                                                    AuthParameters: {USERNAME: email, PASSWORD: $("sign-in-password").value}});
      if (answer.ChallengeName === "NEW_PASSWORD_REQUIRED") {
        state.challenge = {email, session: answer.Session};
        $("sign-in-form").hidden = true;
        $("new-password-form").hidden = false;
        say($("sign-in-message"), "choose a new password to finish signing in");
        return;
      }
      if (!answer.AuthenticationResult) throw new SignInFailure(`sign-in needs ${answer.ChallengeName}, which this page does not answer`);
      keepSignIn(email, answer.AuthenticationResult);
    });
  }

  function setNewPassword(event) {
    event.preventDefault();
    const {email, session} = state.challenge || {};
    return signInStep($("new-password-form"), $("new-password"), async () => {
      const answer = await cognito("RespondToAuthChallenge", {
        ChallengeName: "NEW_PASSWORD_REQUIRED", ClientId: SIGN_IN.signInClient, Session: session,
        ChallengeResponses: {USERNAME: email, NEW_PASSWORD: $("new-password").value}});
      state.challenge = null;
      keepSignIn(email, answer.AuthenticationResult);
    });
  }

  function showSignIn(why, kind) {
    window.sessionStorage.removeItem(SIGN_IN_STORAGE);
    state.jobId = null;  // stops following a job
    for (const id of ["account-section", "jobs-section", "upload-section", "job-section", "report-section",
                      "new-password-form", "sign-up-form", "confirm-form"]) $(id).hidden = true;
    $("jobs-list").replaceChildren();
    $("sign-in-section").hidden = false;
    $("sign-in-form").hidden = false;
    $("sign-up-offer").hidden = SIGN_IN.selfSignUp !== "true";
    say($("sign-in-message"), why || "", kind);
  }

  // --- signing up (auth.self_sign_up) ----------------------------------------------------------
  function showSignUp() {
    $("sign-in-form").hidden = true;
    $("sign-up-offer").hidden = true;
    $("sign-up-form").hidden = false;
    say($("sign-in-message"), "");
  }

  function signUp(event) {
    event.preventDefault();
    const email = $("sign-up-email").value.trim();
    say($("sign-in-message"), "creating the account");
    return signInStep($("sign-up-form"), $("sign-up-password"), async () => {
      const answer = await cognito("SignUp", {ClientId: SIGN_IN.signInClient, Username: email,
                                              Password: $("sign-up-password").value,
                                              UserAttributes: [{Name: "email", Value: email}]});
      if (answer.UserConfirmed) { accountReady(email); return; }
      state.signingUp = email;
      $("sign-up-form").hidden = true;
      $("confirm-form").hidden = false;
      const delivery = answer.CodeDeliveryDetails || {};
      $("confirm-destination").textContent = delivery.Destination || email;
      say($("sign-in-message"), "account created: confirm your e-mail address", "ok");
    });
  }

  function confirmSignUp(event) {
    event.preventDefault();
    return signInStep($("confirm-form"), $("confirm-code"), async () => {
      await cognito("ConfirmSignUp", {ClientId: SIGN_IN.signInClient, Username: state.signingUp,
                                      ConfirmationCode: $("confirm-code").value.trim()});
      accountReady(state.signingUp);
    });
  }

  function accountReady(email) {
    state.signingUp = null;
    showSignIn("your account is ready: sign in with your password", "ok");
    $("sign-in-email").value = email;
  }

  function showSignedIn() {
    const kept = signedIn();
    $("sign-in-section").hidden = true;
    $("account-email").textContent = kept.email;
    for (const id of ["account-section", "jobs-section", "upload-section"]) $(id).hidden = false;
    say($("sign-in-message"), "");
    listJobs(false);
  }

  // --- the caller's jobs (jwt mode) ------------------------------------------------------------
  function jobEntry(job) {
    const when = new Date(job.created_at).toLocaleString();
    const button = el("button", {type: "button"}, `${job.filename || job.job_id} · ${when}`,
                      el("span", {class: "status"}, STEP_NAMES[job.status] || job.status));
    button.addEventListener("click", () => {
      $("report-section").hidden = true;
      followJob(job.job_id);
    });
    return el("li", {"data-job-id": job.job_id, "data-status": job.status}, button);
  }

  async function listJobs(more) {
    const message = $("jobs-message");
    try {
      const query = more && state.nextJobs ? `?next_token=${encodeURIComponent(state.nextJobs)}` : "";
      const page = await callApi("GET", `jobs${query}`);
      if (!more) $("jobs-list").replaceChildren();
      $("jobs-list").append(...page.jobs.map(jobEntry));
      state.nextJobs = page.next_token || null;
      $("jobs-more").hidden = !state.nextJobs;
      say(message, $("jobs-list").children.length ? "" : "no meals yet: upload a video below");
    } catch (error) {
      say(message, error.message, "error");
    }
  }

  // --- the API --------------------------------------------------------------------------------
  async function callApi(method, path, {body, headers} = {}) {
    const sent = Object.assign({}, headers);
    if (SIGNS_IN) {
      const kept = signedIn();
      if (!kept) {
        showSignIn("your sign-in has expired: sign in again", "error");
        throw new ApiFailure(401, {code: "UNAUTHORIZED", message: "sign in first"});
      }
      sent.Authorization = `Bearer ${kept.accessToken}`;
    }
    const key = window.sessionStorage.getItem(KEY_STORAGE);
    if (key) sent["x-api-key"] = key;
    if (body !== undefined) sent["Content-Type"] = "application/json";
    let response;
    try {
      response = await fetch(new URL(path, API_BASE), {method, headers: sent, cache: "no-store",
                                                      body: body === undefined ? undefined : JSON.stringify(body)});
    } catch (error) {
      throw new ApiFailure(0, {code: "NETWORK", message: `the API did not answer (${error.message})`});
    }
    let data = null;
    try { data = await response.json(); } catch (error) { data = null; }
    if (SIGNS_IN && response.status === 401) {  // the authorizer refused the token (expired, revoked, another pool)
      showSignIn("your sign-in is no longer valid: sign in again", "error");
      throw new ApiFailure(401, {code: "UNAUTHORIZED", message: "sign in again"});
    }
    if (SIGNS_IN && response.status === 403 && !(data && data.code)) {
      throw new ApiFailure(403, {code: "FORBIDDEN", message: "your token lacks the scope this API asks for"});
    }
    if (response.status === 403 && !(data && data.code)) {  // API Gateway's own answer: no key, or a wrong one
      const why = key ? "the API refused this key" : "the API needs a key";
      askForKey(why);
      throw new ApiFailure(403, {code: "FORBIDDEN", message: `${why}: enter it in the API key box`});
    }
    if (!response.ok) throw new ApiFailure(response.status, data);
    return data;
  }

  function askForKey(why) {
    $("key-section").hidden = false;
    say($("key-message"), `${why}: enter it here`, "error");
  }

  // --- 1. upload ------------------------------------------------------------------------------
  function contentTypeOf(file) {
    if (file.type) return file.type;
    const extension = file.name.includes(".") ? file.name.split(".").pop().toLowerCase() : "";
    return VIDEO_TYPES[extension] || "application/octet-stream";
  }

  function uploadWithProgress(form, file) {
    return new Promise((resolve, reject) => {
      const data = new FormData();
      for (const [name, value] of Object.entries(form.fields)) data.append(name, value);
      data.append("file", file);  // S3 reads every field before the file
      const request = new XMLHttpRequest();
      request.open("POST", form.url);
      request.upload.addEventListener("progress", (event) => {
        if (event.lengthComputable) showProgress(event.loaded, event.total);
      });
      request.addEventListener("load", () => {
        if (request.status >= 200 && request.status < 300) { showProgress(file.size, file.size); resolve(); return; }
        const xml = new DOMParser().parseFromString(request.responseText || "", "application/xml");
        const code = xml.querySelector("Code") ? xml.querySelector("Code").textContent : `HTTP_${request.status}`;
        const message = xml.querySelector("Message") ? xml.querySelector("Message").textContent : "";
        reject(new Error(`the upload was refused: ${code}${message ? ": " + message : ""}`));
      });
      request.addEventListener("error", () => reject(new Error("the upload failed: the storage did not answer")));
      request.send(data);
    });
  }

  function size(bytes) {
    return bytes < 1048576 ? `${fixed(bytes / 1024, 0)} kB` : `${fixed(bytes / 1048576, 1)} MB`;
  }

  function showProgress(loaded, total) {
    const percent = total ? Math.round((100 * loaded) / total) : 0;
    $("upload-progress").value = percent;
    $("upload-percent").textContent = `${percent} % (${size(loaded)} of ${size(total)})`;
  }

  async function startUpload(event) {
    event.preventDefault();
    const file = $("video-file").files[0];
    const message = $("upload-message");
    if (!file) { say(message, "pick a video first", "error"); return; }
    $("upload-button").disabled = true;
    $("job-section").hidden = true;
    $("report-section").hidden = true;
    showProgress(0, file.size);
    try {
      say(message, "creating the job");
      const job = await callApi("POST", "jobs", {
        body: {filename: file.name, content_type: contentTypeOf(file), size_bytes: file.size},
        headers: {"Idempotency-Key": randomKey()},
      });
      if (SIGNS_IN) listJobs(false);
      say(message, `uploading ${file.name}`);
      await uploadWithProgress(job.upload, file);
      say(message, `uploaded ${file.name}`, "ok");
      await followJob(job.job_id);
    } catch (error) {
      say(message, error.message, "error");
    } finally {
      $("upload-button").disabled = false;
    }
  }

  // --- 2. follow the job ----------------------------------------------------------------------
  function renderSteps(view, seen) {
    const steps = $("job-steps");
    steps.replaceChildren();
    const failed = view.status === "FAILED";
    const reached = failed ? -1 : JOB_STEPS.indexOf(view.status);
    for (const [index, status] of JOB_STEPS.entries()) {
      const item = el("li", {"data-status": status}, STEP_NAMES[status]);
      if (index < reached || (index === reached && status === "COMPLETED") || (failed && seen.has(status))) {
        item.className = "done";
      } else if (index === reached) {
        item.className = "current";
      }
      steps.append(item);
    }
    if (failed) steps.append(el("li", {"data-status": "FAILED", class: "failed"}, STEP_NAMES.FAILED));
    steps.dataset.status = view.status;
  }

  function logStep(view) {
    const at = new Date().toLocaleTimeString();
    const stage = view.stage ? ` (${view.stage})` : "";
    $("job-log").append(el("li", {"data-status": view.status}, `${at} ${view.status}${stage}`));
  }

  async function followJob(jobId) {
    state.jobId = jobId;
    $("job-id").textContent = jobId;
    $("job-log").replaceChildren();
    $("job-section").hidden = false;
    const message = $("job-message");
    let shown = null;
    const seen = new Set(["PENDING_UPLOAD"]);  // the upload is done when following starts
    for (;;) {
      let view;
      try {
        view = await callApi("GET", `jobs/${jobId}`);
      } catch (error) {
        if (state.jobId !== jobId) return;
        say(message, error.message, "error");
        if (error.status !== 0 && error.status < 500) return;  // a network hiccup or a 5xx is retried
        await sleep(POLL_MS);
        continue;
      }
      if (state.jobId !== jobId) return;  // another job is shown now, or the person signed out
      seen.add(view.status);
      const step = `${view.status}/${view.stage}`;
      if (step !== shown) { renderSteps(view, seen); logStep(view); shown = step; }
      if (view.status === "COMPLETED") { say(message, "analysis complete", "ok"); await showResults(jobId); return; }
      if (view.status === "FAILED") {
        const error = view.error || {code: "UNKNOWN", message: "no reason recorded"};
        say(message, `the analysis failed: ${error.code}: ${error.message}`, "error");
        return;
      }
      say(message, `${STEP_NAMES[view.status] || view.status}…`);
      await sleep(POLL_MS);
    }
  }

  function sleep(ms) { return new Promise((resolve) => window.setTimeout(resolve, ms)); }

  // --- 3. the report --------------------------------------------------------------------------
  async function showResults(jobId) {
    const payload = await callApi("GET", `jobs/${jobId}/results`);
    state.previousTotals = null;
    renderReport(payload.results, payload.overlays || []);
  }

  function renderReport(results, overlays) {
    state.results = results;
    $("report-section").hidden = false;
    const version = results.version || 1;
    const corrected = version > 1 ? `, version ${version} (corrected ${version - 1} time${version > 2 ? "s" : ""})` : "";
    $("report-meta").textContent = `${results.items.length} item${results.items.length === 1 ? "" : "s"}; ` +
      `perception: ${results.weights} weights${corrected}`;
    $("report-meta").dataset.version = String(version);
    const warnings = $("report-warnings");
    warnings.replaceChildren(...results.warnings.map((w) => el("li", {"data-code": w.code}, w.message)));
    renderTotals(results.totals);
    renderMacroChart(results.totals);
    renderItems(results.items);
    renderCorrections(results.corrections || []);
    if (overlays) renderKeyframes(overlays);
  }

  function renderTotals(totals) {
    const list = $("totals");
    list.replaceChildren();
    for (const [field, label, unit, decimals] of NUTRIENTS) {
      const value = el("dd", {"data-value": String(totals[field])}, `${fixed(totals[field], decimals)} ${unit}`);
      const before = state.previousTotals;
      if (before && Math.abs(before[field] - totals[field]) > 1e-9) {
        value.classList.add("changed");
        value.append(el("span", {class: "was"}, `was ${fixed(before[field], decimals)} ${unit}`));
      }
      list.append(el("div", {"data-nutrient": field}, el("dt", {}, label), value));
    }
  }

  function svg(tag, attributes, text) {
    const node = document.createElementNS(SVG_NS, tag);
    for (const [name, value] of Object.entries(attributes || {})) node.setAttribute(name, value);
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function renderMacroChart(totals) {
    const width = 520, row = 28, left = 110, right = 70;
    const largest = Math.max(1, ...MACROS.map(([field]) => totals[field]));
    const chart = svg("svg", {viewBox: `0 0 ${width} ${row * MACROS.length + 6}`, width: String(width),
                              role: "img", "aria-label": "grams of each macronutrient in the meal"});
    for (const [index, [field, label]] of MACROS.entries()) {
      const y = index * row + 4;
      const length = ((width - left - right) * totals[field]) / largest;
      chart.append(svg("text", {x: "0", y: String(y + 15)}, label));
      chart.append(svg("rect", {x: String(left), y: String(y), width: String(Math.max(length, 0)), height: "20",
                                class: `bar bar-${field}`, "data-field": field, "data-grams": String(totals[field])}));
      chart.append(svg("text", {x: String(left + length + 6), y: String(y + 15)}, `${fixed(totals[field], 1)} g`));
    }
    $("macro-chart").replaceChildren(chart);
  }

  function cell(text, className, sub) {
    const node = el("td", className ? {class: className} : {}, text);
    if (sub) node.append(el("span", {class: "sub"}, sub));
    return node;
  }

  function renderItems(items) {
    const body = $("items-table").querySelector("tbody");
    body.replaceChildren();
    for (const [index, item] of items.entries()) {
      const match = item.match;
      const food = match ? match.description : "no USDA match";
      const foodNote = match ? `${match.data_type}${match.level && match.level !== "entry" ? ", " + match.level : ""}` : "";
      const range = item.mass_g_p10 != null && item.mass_g_p90 != null
        ? `${fixed(item.mass_g_p10, 0)}–${fixed(item.mass_g_p90, 0)} g` : item.mass_source;
      const row = el("tr", {"data-item-id": item.id},
        cell(String(index + 1)), cell(item.label), cell(food, "", foodNote),
        cell(fixed(item.mass_g, 1), "num", range), cell(fixed(item.nutrients.kcal, 0), "num"),
        cell(fixed(item.nutrients.protein_g, 1), "num"), cell(fixed(item.nutrients.fat_g, 1), "num"),
        cell(fixed(item.nutrients.carbs_g, 1), "num"), cell(`${fixed(100 * item.confidence, 0)} %`, "num"),
        el("td", {}, correctionForm(item)));
      body.append(row);
    }
  }

  // --- corrections ----------------------------------------------------------------------------
  function correctionForm(item) {
    const label = el("input", {type: "text", name: "label", placeholder: item.label, "aria-label": `new label for ${item.label}`});
    const grams = el("input", {type: "number", name: "grams", min: "0", step: "any", placeholder: fixed(item.mass_g, 0),
                               "aria-label": `new grams for ${item.label}`});
    const apply = el("button", {type: "submit", name: "apply"}, "Apply");
    const remove = el("button", {type: "button", name: "remove", class: "secondary"}, "Remove");
    const form = el("form", {class: "edit"}, label, grams, apply, remove);
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      const change = {action: "set", item_id: item.id};
      if (label.value.trim()) change.label = label.value.trim();
      if (grams.value !== "") change.grams = Number(grams.value);
      if (change.label === undefined && change.grams === undefined) {
        say($("correction-message"), "type a new label or new grams first", "error");
        return;
      }
      sendCorrection([change], form);
    });
    remove.addEventListener("click", () => sendCorrection([{action: "remove", item_id: item.id}], form));
    return form;
  }

  async function sendCorrection(changes, form) {
    const message = $("correction-message");
    const buttons = form.querySelectorAll("button");
    buttons.forEach((button) => { button.disabled = true; });
    const before = state.results;
    try {
      say(message, "recomputing the nutrition");
      const payload = await callApi("POST", `jobs/${state.jobId}/corrections`, {
        body: {changes}, headers: {"If-Match": String(before.version || 1)},
      });
      state.previousTotals = before.totals;
      renderReport(payload.results, null);
      const kcal = `${fixed(before.totals.kcal, 0)} → ${fixed(payload.results.totals.kcal, 0)} kcal`;
      say(message, `saved as version ${payload.results.version}: ${kcal}`, "ok");
      return true;
    } catch (error) {
      if (error.code === "VERSION_CONFLICT") {
        say(message, `${error.message} (the latest version is shown now: apply your change again)`, "error");
        await showResults(state.jobId);
      } else {
        say(message, error.message, "error");
      }
      return false;
    } finally {
      buttons.forEach((button) => { button.disabled = false; });
    }
  }

  function describeChange(change) {
    const grams = (value) => `${fixed(value, 0)} g`;
    if (change.action === "add") return `added ${change.label}, ${grams(change.grams)}`;
    if (change.action === "remove") return `removed ${change.previous_label || "item " + change.item_id}`;
    const parts = [];
    if (change.label != null) parts.push(`${change.previous_label} → ${change.label}`);
    if (change.grams != null) parts.push(`${change.label || change.previous_label}: ${grams(change.previous_grams)} → ${grams(change.grams)}`);
    return parts.join("; ");
  }

  function renderCorrections(corrections) {
    const list = $("corrections");
    list.replaceChildren(...corrections.map((correction) => el("li", {"data-version": String(correction.version)},
      `version ${correction.version} (${new Date(correction.at).toLocaleString()}): ` +
      correction.changes.map(describeChange).join("; "))));
    if (!corrections.length) list.append(el("li", {}, "none: as analysed"));
  }

  function renderKeyframes(overlays) {
    const frames = $("keyframes");
    frames.replaceChildren(...overlays.map((overlay) => {
      const name = overlay.key.split("/").pop();
      return el("figure", {}, el("img", {src: overlay.url, alt: `keyframe ${name} with the items found`}),
                el("figcaption", {}, name));
    }));
    if (!overlays.length) frames.append(el("p", {}, "no keyframe images for this job"));
  }

  // --- start ------------------------------------------------------------------------------------
  $("upload-form").addEventListener("submit", startUpload);
  $("add-form").addEventListener("submit", (event) => {
    event.preventDefault();
    const label = $("add-label").value.trim();
    const grams = Number($("add-grams").value);
    sendCorrection([{action: "add", label, grams}], $("add-form")).then((saved) => { if (saved) $("add-form").reset(); });
  });
  $("key-form").addEventListener("submit", (event) => {
    event.preventDefault();
    window.sessionStorage.setItem(KEY_STORAGE, $("api-key").value.trim());
    $("api-key").value = "";
    callApi("GET", "health")
      .then(() => { say($("key-message"), "key accepted", "ok"); })
      .catch((error) => { if (error.status !== 403) say($("key-message"), error.message, "error"); });
  });
  $("sign-in-form").addEventListener("submit", signIn);
  $("new-password-form").addEventListener("submit", setNewPassword);
  $("sign-out-button").addEventListener("click", () => showSignIn("signed out", "ok"));
  $("sign-up-open").addEventListener("click", showSignUp);
  $("sign-up-cancel").addEventListener("click", () => showSignIn());
  $("sign-up-form").addEventListener("submit", signUp);
  $("confirm-form").addEventListener("submit", confirmSignUp);
  $("jobs-more").addEventListener("click", () => listJobs(true));
  if (!SIGNS_IN) {
    callApi("GET", "health").catch(() => undefined);  // a 403 here asks for the key
  } else if (!SIGN_IN.signInClient) {
    showSignIn();
    $("sign-in-form").hidden = true;
    say($("sign-in-message"), "this stack signs people in with another identity provider, which this page cannot " +
        "sign in to: call the API with that provider's token", "error");
  } else if (signedIn()) {
    showSignedIn();
  } else {
    showSignIn();
  }
})();

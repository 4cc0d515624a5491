// The case assessment page, enhanced: each change is saved on the server as the inspector works
// ("Saved at 10:42"). Unsent changes are kept in this browser (localStorage) until the server has
// them, so a dropped connection, a closed tab or a timed-out session loses nothing; they are sent
// when the connection returns. A save made from a stale version is refused by the server (409)
// and both values are shown; nothing is overwritten. Without this script the Save button posts
// the whole form and the page works the same.

const form = document.getElementById("case-form");
if (form) {
  enhance(form);
}

function enhance(form) {
  const key = "sufficiency-case-" + form.dataset.case;
  const status = document.getElementById("app-autosave");
  const version = form.querySelector("input[name='version']");
  const csrf = form.querySelector("input[name='csrfmiddlewaretoken']").value;
  const typingDelay = 1200;
  const retryDelay = 10000;
  let pending = load();
  let sending = false;
  let stopped = false;
  let confirmRosh = false;
  let timer = null;

  status.hidden = false;

  function load() {
    try {
      const stored = JSON.parse(window.localStorage.getItem(key) || "null");
      if (stored && stored.fields) {
        return stored;
      }
    } catch (error) {
      // unreadable: start afresh
    }
    return { version: null, fields: {} };
  }

  function keep() {
    try {
      if (Object.keys(pending.fields).length) {
        window.localStorage.setItem(key, JSON.stringify(pending));
      } else {
        window.localStorage.removeItem(key);
      }
    } catch (error) {
      say("This browser cannot keep unsent changes: save with the Save button.", true);
    }
  }

  function say(text, problem) {
    status.textContent = text;
    status.classList.toggle("app-autosave--problem", Boolean(problem));
  }

  function valueOf(name) {
    const fields = form.querySelectorAll("[name='" + CSS.escape(name) + "']");
    let value = "";
    fields.forEach(function (field) {
      if (field.type === "radio") {
        if (field.checked) value = field.value;
      } else if (field.type === "checkbox") {
        value = field.checked ? "1" : "0";
      } else if (field.type !== "hidden") {
        value = field.value;
      }
    });
    return value;
  }

  function show(name, value) {
    form.querySelectorAll("[name='" + CSS.escape(name) + "']").forEach(function (field) {
      if (field.type === "radio") {
        field.checked = field.value === value;
      } else if (field.type === "checkbox") {
        field.checked = value === "1";
      } else if (field.type !== "hidden") {
        field.value = value;
      }
    });
  }

  function showRoshQuestions() {
    const relevant = valueOf("rosh_relevant") === "1";
    form.querySelectorAll("[data-rosh-only]").forEach(function (block) {
      block.hidden = !relevant;
    });
  }

  function saveable(field) {
    return field.name && field.name !== "version" && field.name !== "csrfmiddlewaretoken"
      && field.type !== "submit" && field.type !== "hidden";
  }

  function changed(field, delay) {
    if (!saveable(field) || stopped) return;
    if (pending.version === null || !Object.keys(pending.fields).length) {
      pending.version = version.value;
    }
    pending.fields[field.name] = valueOf(field.name);
    if (field.name === "rosh_relevant") showRoshQuestions();
    keep();
    say("Saving…");
    schedule(delay);
  }

  function schedule(delay) {
    window.clearTimeout(timer);
    timer = window.setTimeout(send, delay);
  }

  function setVersion(value) {
    version.value = value;
    document.querySelectorAll("input.app-version").forEach(function (input) {
      input.value = value;
    });
  }

  function offline() {
    say("You are offline. Your changes are kept in this browser and will be sent when the "
      + "connection returns.", true);
  }

  async function send() {
    if (sending || stopped || !Object.keys(pending.fields).length) return;
    if (!navigator.onLine) {
      offline();
      return;
    }
    sending = true;
    const sent = Object.assign({}, pending.fields);
    const body = new FormData();
    body.append("csrfmiddlewaretoken", csrf);
    body.append("autosave", "1");
    body.append("version", pending.version || version.value);
    Object.keys(sent).forEach(function (name) {
      body.append(name, sent[name]);
    });
    if (confirmRosh) body.append("confirm_rosh", "1");
    let saved = false;
    try {
      saved = await post(body, sent);
    } finally {
      sending = false;
    }
    // Changes made while this save was on its way go next; after a failure, the retry waits.
    if (saved && !stopped && Object.keys(pending.fields).length) schedule(0);
  }

  // One save: the request, then what its answer means. Runs while ``sending`` is set, so no
  // second save starts from a version this one is about to replace.
  async function post(body, sent) {
    let response;
    let data;
    try {
      response = await fetch(window.location.pathname, {
        method: "POST",
        body: body,
        credentials: "same-origin",
        redirect: "manual",
        headers: { "Accept": "application/json", "X-CSRFToken": csrf },
      });
      const type = response.headers.get("Content-Type") || "";
      data = type.indexOf("application/json") === 0 ? await response.json() : null;
    } catch (error) {
      offline();
      schedule(retryDelay);
      return false;
    }
    if (data === null) {
      say("You are signed out, or the service cannot be reached. Your changes are kept in this "
        + "browser: sign in again and open this case, and they will be sent.", true);
      schedule(retryDelay * 3);
      return false;
    }
    if (response.ok) {
      Object.keys(sent).forEach(function (name) {
        if (pending.fields[name] === sent[name]) delete pending.fields[name];
      });
      pending.version = String(data.version);
      setVersion(data.version);
      confirmRosh = false;
      keep();
      say("Saved at " + data.saved_at);
      if (data.confirm_rosh) askRosh(data.confirm_rosh);
      return true;
    } else if (response.status === 409) {
      conflict(data);
    } else {
      Object.keys(sent).forEach(function (name) {
        delete pending.fields[name];
      });
      keep();
      const problems = (data.problems || []).map(function (p) {
        return p.field + ": " + p.message;
      });
      say("Not saved: " + [data.detail].concat(problems).join("; "), true);
    }
    return false;
  }

  function askRosh(answers) {
    const sure = window.confirm(
      "Clearing the RoSH relevant flag removes these answers:\n\n" + answers.join("\n")
      + "\n\nRemove them?");
    if (sure) {
      confirmRosh = true;
      pending.version = version.value;
      pending.fields.rosh_relevant = "0";
      keep();
      schedule(0);
    } else {
      show("rosh_relevant", "1");
      showRoshQuestions();
      say("The RoSH relevant flag is kept, with its answers.");
    }
  }

  function conflict(data) {
    stopped = true;
    const panel = document.getElementById("app-conflict");
    const rows = document.getElementById("app-conflict-rows");
    rows.replaceChildren();
    (data.conflicts || []).forEach(function (c) {
      const row = document.createElement("tr");
      row.className = "govuk-table__row";
      [c.label, c.yours, c.theirs].forEach(function (text, i) {
        const cell = document.createElement(i === 0 ? "th" : "td");
        cell.className = i === 0 ? "govuk-table__header" : "govuk-table__cell";
        if (i === 0) cell.scope = "row";
        cell.textContent = text;
        row.appendChild(cell);
      });
      rows.appendChild(row);
    });
    pending = { version: null, fields: {} };
    keep();
    say("Not saved: this case was changed elsewhere.", true);
    panel.hidden = false;
    panel.focus();
  }

  form.addEventListener("change", function (event) {
    changed(event.target, 0);
  });
  form.addEventListener("input", function (event) {
    if (event.target.tagName === "TEXTAREA") changed(event.target, typingDelay);
  });
  // The Save buttons post the whole form from the page's version: first let any save on its
  // way (or waiting) finish, so the form carries the version it made.
  form.addEventListener("submit", function (event) {
    if (!navigator.onLine) {
      event.preventDefault();
      offline();
    } else if (sending || Object.keys(pending.fields).length) {
      event.preventDefault();
      finishThenSubmit(event.submitter);
    }
  });

  async function finishThenSubmit(submitter) {
    window.clearTimeout(timer);
    say("Saving…");
    while (sending) {
      await new Promise(function (resolve) {
        window.setTimeout(resolve, 100);
      });
    }
    await send();
    if (!stopped && !sending && !Object.keys(pending.fields).length) {
      form.requestSubmit(submitter);
    }
  }
  window.addEventListener("online", function () {
    say("Back online: sending your changes…");
    schedule(0);
  });
  window.addEventListener("offline", offline);

  // Changes kept from an earlier visit that the page does not show yet: show and send them.
  Object.keys(pending.fields).forEach(function (name) {
    if (valueOf(name) === pending.fields[name]) {
      delete pending.fields[name];
    } else {
      show(name, pending.fields[name]);
    }
  });
  showRoshQuestions();
  keep();
  if (Object.keys(pending.fields).length) {
    say("Sending the changes this browser kept from before…");
    schedule(0);
  } else {
    say("Your changes are saved as you work.");
  }
}

// Runs at the start of <body>: marks the page as having JavaScript, as the GOV.UK template does.
document.body.className += " js-enabled" + ("noModule" in HTMLScriptElement.prototype ? " govuk-frontend-supported" : "");

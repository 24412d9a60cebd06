// GOV.UK Frontend styles some components only when JavaScript runs; this must run before the page paints.
document.body.className += " js-enabled" + ("noModule" in HTMLScriptElement.prototype ? " govuk-frontend-supported" : "");

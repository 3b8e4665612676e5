// The page's own code under `default-src 'none'; script-src 'self'` (no inline script allowed).
document.addEventListener('DOMContentLoaded', function () {
  var input = document.getElementById('file');
  input.addEventListener('change', function () { __record('change', input.files); });
  window.__cspViolations = [];
  document.addEventListener('securitypolicyviolation', function (e) { window.__cspViolations.push(e.violatedDirective + ' ' + e.blockedURI); });
});

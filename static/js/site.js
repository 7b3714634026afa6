// Progressive enhancement only: every page works without JavaScript.
document.addEventListener("DOMContentLoaded", () => {
  // After a failed POST, move focus to the error summary so screen readers announce it.
  const summary = document.getElementById("error-summary");
  if (summary) {
    summary.focus();
  }
});

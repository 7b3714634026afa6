// Progressive enhancement only: every page works without JavaScript.
document.addEventListener("DOMContentLoaded", () => {
  // After a failed POST, move focus to the error summary so screen readers announce it.
  const summary = document.getElementById("error-summary");
  if (summary) {
    summary.focus();
  }

  // "Copy" buttons: shown only when the browser can copy.
  document.querySelectorAll("[data-copy-target]").forEach((button) => {
    if (!navigator.clipboard) {
      return;
    }
    button.hidden = false;
    button.addEventListener("click", async () => {
      const target = document.getElementById(button.dataset.copyTarget);
      await navigator.clipboard.writeText(target.value || target.textContent);
      button.textContent = button.dataset.copiedText;
    });
  });

  // The status step: reveal in place the questions for the document chosen, instead of the
  // "Continue" round trip the page makes without JavaScript.
  const documentInputs = document.querySelectorAll('input[name="current_document"]');
  const groups = document.querySelectorAll("[data-show-for]");
  const refresh = document.querySelector("[data-refresh-button]");
  const reveal = () => {
    const chosen = document.querySelector('input[name="current_document"]:checked');
    groups.forEach((group) => {
      group.hidden = !chosen || !group.dataset.showFor.split(" ").includes(chosen.value);
    });
    if (refresh) {
      refresh.hidden = true;
    }
  };
  if (documentInputs.length && groups.length) {
    documentInputs.forEach((input) => input.addEventListener("change", reveal));
    if (refresh) {
      refresh.hidden = true;
    }
  }
});

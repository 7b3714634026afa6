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

  // Questions that depend on another answer, revealed in place instead of the round trip the
  // page makes without JavaScript: data-show-for lists the documents of the status step a
  // question is for, data-show-when="field=value value" the answers of another question.
  const dependent = document.querySelectorAll("[data-show-for], [data-show-when]");
  const refresh = document.querySelector("[data-refresh-button]");
  const answerOf = (name) => {
    const checked = document.querySelector(`input[name="${name}"]:checked`);
    if (checked) {
      return checked.value;
    }
    const select = document.querySelector(`select[name="${name}"]`);
    return select ? select.value : "";
  };
  const reveal = () => {
    dependent.forEach((group) => {
      let shown = true;
      if (group.dataset.showFor !== undefined) {
        shown = group.dataset.showFor.split(" ").includes(answerOf("current_document"));
      }
      if (shown && group.dataset.showWhen) {
        const [name, values] = group.dataset.showWhen.split("=");
        shown = values.split(" ").includes(answerOf(name));
      }
      group.hidden = !shown;
    });
    if (refresh) {
      refresh.hidden = true;
    }
  };
  if (dependent.length) {
    document.addEventListener("change", reveal);
    reveal();
  }
});

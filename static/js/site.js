// Progressive enhancement only: every page works without JavaScript.
document.addEventListener("DOMContentLoaded", () => {
  // After a failed POST, move focus to the error summary so screen readers announce it.
  const summary = document.getElementById("error-summary");
  if (summary) {
    summary.focus();
  }

  // "Copy" buttons live in copy.js.

  // The office step: show at once, for an office that is not on the online system, the office to
  // book at instead (without JavaScript, the "Check this office" round trip shows it).
  const officeSelect = document.querySelector('select[name="office"]');
  const officeNotes = document.querySelectorAll("[data-office-note]");
  if (officeSelect && officeNotes.length) {
    const showNote = () => {
      officeNotes.forEach((note) => {
        note.hidden = note.dataset.officeNote !== officeSelect.value;
      });
    };
    officeSelect.addEventListener("change", showNote);
    document.querySelectorAll("[data-office-refresh]").forEach((button) => {
      button.hidden = true;
    });
  }

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
      // Removed, not hidden: Enter presses a form's first submit button, and must save.
      refresh.remove();
    }
  };
  if (dependent.length) {
    document.addEventListener("change", reveal);
    reveal();
  }
});

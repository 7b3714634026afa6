// "Copy" buttons (progressive enhancement): every button with data-copy-target copies the text of
// the element it names. The buttons are hidden in the markup and shown only when the browser can
// copy (navigator.clipboard: HTTPS or localhost); without JavaScript the values are plain text
// to select by hand. A copied button keeps its "Copied" state, so a long copy sheet shows what is
// done, and one live region announces each copy to screen readers.
document.addEventListener("DOMContentLoaded", () => {
  const buttons = document.querySelectorAll("[data-copy-target]");
  if (!buttons.length || !navigator.clipboard || !navigator.clipboard.writeText) {
    return;
  }
  const status = document.createElement("p");
  status.className = "visually-hidden";
  status.setAttribute("aria-live", "polite");
  status.setAttribute("role", "status");
  document.body.append(status);

  const announce = (text) => {
    // Empty first, so that the same message twice in a row is announced twice.
    status.textContent = "";
    window.setTimeout(() => {
      status.textContent = text;
    }, 50);
  };

  buttons.forEach((button) => {
    const target = document.getElementById(button.dataset.copyTarget);
    if (!target) {
      return;
    }
    const label = button.querySelector(".copy-label") || button;
    button.hidden = false;
    button.addEventListener("click", async () => {
      const text = "value" in target ? target.value : target.textContent.trim();
      const what = button.dataset.copyName || "";
      try {
        await navigator.clipboard.writeText(text);
        label.textContent = button.dataset.copiedText;
        button.classList.add("is-copied");
        announce(what ? `${button.dataset.copiedText}: ${what}` : button.dataset.copiedText);
      } catch (error) {
        label.textContent = button.dataset.failedText || label.textContent;
        button.classList.remove("is-copied");
        announce(button.dataset.failedText || "");
      }
    });
  });
});

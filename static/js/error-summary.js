// After a failed save: the summary of what to change takes the focus (a screen reader reads
// it, and it is on screen even where the page opens at an anchor), and each of its links
// puts the focus in its field, with the field's label in view.
(function () {
  "use strict";
  const summary = document.querySelector("[data-error-summary]");
  if (!summary) return;

  function focusSummary() {
    if (document.activeElement !== summary) summary.focus();
  }

  summary.addEventListener("click", function (event) {
    const link = event.target.closest("a[data-field]");
    const field = link && document.getElementById(link.dataset.field);
    if (!field) return;
    event.preventDefault();
    const group = field.closest("fieldset");
    const label = document.querySelector("label[for='" + field.id + "']") ||
      (group && group.querySelector("legend")) || field;
    label.scrollIntoView({ block: "start" });
    field.focus({ preventScroll: true });
  });

  focusSummary();
  // The browser scrolls to the page's #anchor after it loads: focus again, so that the
  // summary is where the person is looking.
  window.addEventListener("load", function () {
    if (document.activeElement === summary || document.activeElement === document.body) {
      summary.blur();
      summary.focus();
    }
  });
})();

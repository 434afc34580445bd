// Rows page: select all rows of the page for the bulk confirmation, and count the selection.
(function () {
  "use strict";
  const all = document.getElementById("select-all");
  const boxes = Array.from(document.querySelectorAll(".row-select"));
  const count = document.getElementById("bulk-count");
  function update() {
    const n = boxes.filter(function (box) { return box.checked; }).length;
    if (count) count.textContent = n ? "已选 " + n + " 行" : "";
    if (all) all.checked = n > 0 && n === boxes.length;
  }
  if (all) {
    all.addEventListener("change", function () {
      boxes.forEach(function (box) { box.checked = all.checked; });
      update();
    });
  }
  boxes.forEach(function (box) { box.addEventListener("change", update); });
  update();

  // A row's message after an action in the table (快速修改): beside the row, and read out.
  const said = document.querySelector("[data-row-message]");
  if (said) {
    said.focus();
    window.addEventListener("load", function () { said.blur(); said.focus(); });
  }
})();

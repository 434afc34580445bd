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

  // After a save on a page of its own (编辑, 添加院校, 修改院校) the table opens at the row or
  // school saved (#row-7, #school-3): the messages of that save go beside it, where the
  // person is looking, not at the top of the page.
  function besideTheRow() {
    const found = /^#(row|school)-\d+$/.test(location.hash) &&
      document.getElementById(location.hash.slice(1));
    const row = found && found.closest("tr");
    const alerts = document.querySelectorAll("main > .alert");
    if (!row || !alerts.length || document.querySelector("[data-row-message]")) return;
    const line = document.createElement("tr");
    line.className = "row-message";
    const cell = document.createElement("td");
    cell.colSpan = row.cells.length;
    alerts.forEach(function (alert) {
      alert.classList.add("py-1", "mb-1");
      cell.appendChild(alert);
    });
    alerts[0].setAttribute("tabindex", "-1");
    alerts[0].setAttribute("data-row-message", "");
    line.appendChild(cell);
    row.after(line);
  }
  besideTheRow();

  // A row's message after an action in the table (快速修改) or after a save: beside the
  // row, read out and on screen.
  const said = document.querySelector("[data-row-message]");
  if (said) {
    said.focus();
    window.addEventListener("load", function () { said.blur(); said.focus(); });
  }
})();

// Filing forms: add certificates and majors without a page load, and show the
// training team's shares as they are typed. Everything works without this script too.
(function () {
  "use strict";

  function addCertificate() {
    const total = document.getElementById("id_rows-TOTAL_FORMS");
    const template = document.getElementById("empty-row-form");
    const button = document.getElementById("add-certificate");
    if (!total || !template) return;
    const max = parseInt(button.dataset.max || "10", 10);
    const index = parseInt(total.value, 10);
    if (index >= max) return;
    const html = template.innerHTML.replace(/__prefix__/g, String(index));
    const holder = document.createElement("div");
    holder.innerHTML = html;
    const card = holder.firstElementChild;
    card.querySelector(".cert-number").textContent = String(index + 1);
    card.setAttribute("aria-label", "证书 " + (index + 1));
    document.getElementById("row-forms").appendChild(card);
    total.value = String(index + 1);
    wire(card);
    if (window.portalSelectFilter) window.portalSelectFilter.wire(card);
    // The certificate's search box when the batch has one, else its list: the first in the card.
    const first = card.querySelector(".select-filter:not([hidden]) input, select");
    if (first) first.focus();
    button.disabled = index + 1 >= max;
  }

  function removeCertificate(event) {
    // Only the last added card can go, so that the formset's numbering stays dense.
    const card = event.target.closest(".certificate-card");
    const cards = document.querySelectorAll("#row-forms .certificate-card");
    if (card !== cards[cards.length - 1] || cards.length <= 1) {
      alert("请从最后一个证书开始移除。");
      return;
    }
    const total = document.getElementById("id_rows-TOTAL_FORMS");
    card.remove();
    total.value = String(parseInt(total.value, 10) - 1);
    document.getElementById("add-certificate").disabled = false;
  }

  function addMajor(widget) {
    const lines = widget.querySelectorAll(".major-line");
    const last = lines[lines.length - 1];
    const copy = last.cloneNode(true);
    const oldIndex = last.dataset.index;
    const newIndex = String(parseInt(oldIndex, 10) + 1);
    copy.dataset.index = newIndex;
    // Only the major's own index, the last number in the name: rows-0-majors-3-y2017.
    const own = new RegExp("-" + oldIndex + "-(name|y\\d+)$");
    copy.querySelectorAll("input").forEach(function (input) {
      input.name = input.name.replace(own, "-" + newIndex + "-$1");
      input.id = input.id.replace(own, "-" + newIndex + "-$1");
      if (input.type === "checkbox") input.checked = false; else input.value = "";
      const label = input.getAttribute("aria-label") || "";
      input.setAttribute("aria-label", label.replace(/第\d+个/, "第" + (lines.length + 1) + "个"));
    });
    copy.querySelectorAll(".text-danger").forEach(function (el) { el.remove(); });
    last.parentNode.appendChild(copy);
    copy.querySelector("input[type=text]").focus();
    countMajors(widget);
  }

  function countMajors(widget) {
    const named = Array.from(widget.querySelectorAll(".major-line input[type=text]"))
      .filter(function (input) { return input.value.trim() !== ""; }).length;
    const out = widget.querySelector(".majors-count");
    if (out) out.textContent = "已填 " + named + " 个专业";
    const form = widget.closest(".row-form");
    const count = form && form.querySelector("input[name$='major_count']");
    if (count) count.placeholder = String(named);
  }

  function updateShares(form) {
    const number = function (suffix) {
      const input = form.querySelector("input[name$='" + suffix + "']");
      return input && input.value !== "" ? parseInt(input.value, 10) : null;
    };
    const team = number("team_size");
    const values = { dual: number("dual_qualified_count"), experts: number("industry_expert_count") };
    form.querySelectorAll(".share-verdict").forEach(function (out) {
      const part = values[out.dataset.share];
      const min = parseInt(out.dataset.min, 10);
      out.classList.remove("text-success", "text-danger");
      if (team === null || part === null || team <= 0) { out.textContent = ""; return; }
      if (part > team) {
        out.textContent = "多于团队总人数";
        out.classList.add("text-danger");
        return;
      }
      // Truncated to a tenth, never rounded up, as the pages and the rules write a share
      // (filings/wording.py): 199 of 400 is 49.7%, not a "50%" called too low.
      const tenths = Math.floor((1000 * part) / team);
      const share = tenths % 10 === 0 ? String(tenths / 10) : (tenths / 10).toFixed(1);
      const ok = part * 100 >= min * team;
      out.textContent = "占比 " + share + "%，" + (ok ? "符合" : "低于") + min + "%";
      out.classList.add(ok ? "text-success" : "text-danger");
    });
  }

  function wire(root) {
    root.querySelectorAll(".row-form").forEach(function (form) {
      form.addEventListener("input", function () { updateShares(form); });
      updateShares(form);
    });
    root.querySelectorAll(".majors-widget").forEach(function (widget) {
      widget.querySelector(".add-major").addEventListener("click", function () { addMajor(widget); });
      widget.addEventListener("input", function () { countMajors(widget); });
      countMajors(widget);
    });
    root.querySelectorAll(".remove-certificate").forEach(function (button) {
      button.addEventListener("click", removeCertificate);
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    wire(document);
    const add = document.getElementById("add-certificate");
    if (add) add.addEventListener("click", addCertificate);
  });
})();

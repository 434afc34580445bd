// A search box over a long <select> (a batch's hundreds of certificates): typing narrows the
// list to the options whose name, or data-search text (the organization), has every word.
// The <select> is still what the form submits and what the server checks; without this
// script the box stays hidden and the full list works as before.
(function () {
  "use strict";
  var originals = new WeakMap();

  function normalize(text) {
    // Full-width letters and digits (０５３１) find half-width ones, as the directory's search.
    return (text.normalize ? text.normalize("NFKC") : text).toLowerCase();
  }

  function allOptions(select) {
    if (!originals.has(select)) originals.set(select, Array.prototype.slice.call(select.options));
    return originals.get(select);
  }

  function matching(options, query) {
    var terms = normalize(query).split(/\s+/).filter(Boolean);
    return options.filter(function (option) {
      if (!option.value) return false;
      var text = normalize(option.text + " " + (option.getAttribute("data-search") || ""));
      return terms.every(function (term) { return text.indexOf(term) !== -1; });
    });
  }

  function say(input, text) {
    var status = document.getElementById(input.getAttribute("aria-describedby"));
    if (status) status.textContent = text;
  }

  function filter(input) {
    var select = document.getElementById(input.getAttribute("aria-controls"));
    if (!select) return;
    var options = allOptions(select);
    var chosen = select.value;
    var noun = input.getAttribute("data-noun") || "项";
    if (!input.value.trim()) {
      show(select, options, chosen);
      var status = document.getElementById(input.getAttribute("aria-describedby"));
      say(input, status ? status.getAttribute("data-all") : "");
      return;
    }
    var found = matching(options, input.value);
    // The placeholder and the choice already made stay, so that narrowing never drops it.
    show(select, options.filter(function (option) {
      return !option.value || option.value === chosen || found.indexOf(option) !== -1;
    }), chosen);
    if (found.length === 0) {
      say(input, "没有匹配“" + input.value.trim() + "”的" + noun + "，请换个关键词。");
    } else if (found.length === 1 && !chosen) {
      select.value = found[0].value;
      select.dispatchEvent(new Event("change", { bubbles: true }));
      say(input, "找到 1 个" + noun + "，已选中：" + found[0].text + "。");
    } else {
      say(input, "找到 " + found.length + " 个" + noun + "，请在下方列表中选择（按 Enter 或下箭头键进入列表）。");
    }
  }

  function show(select, options, chosen) {
    while (select.options.length) select.remove(0);
    options.forEach(function (option) { select.add(option); });
    select.value = chosen;
  }

  function onKey(event) {
    var input = event.target;
    if (!input.matches || !input.matches("[data-select-filter]")) return;
    // Enter would submit the form; here it means "now choose from the list".
    if (event.key === "Enter" || event.key === "ArrowDown") {
      event.preventDefault();
      var select = document.getElementById(input.getAttribute("aria-controls"));
      if (select) select.focus();
    }
  }

  function wire(root) {
    root.querySelectorAll(".select-filter[hidden]").forEach(function (box) {
      box.hidden = false;
    });
  }

  document.addEventListener("input", function (event) {
    if (event.target.matches && event.target.matches("[data-select-filter]")) filter(event.target);
  });
  document.addEventListener("keydown", onKey);
  document.addEventListener("DOMContentLoaded", function () { wire(document); });
  // filing-forms.js calls this for a certificate card added from its <template>.
  window.portalSelectFilter = { wire: wire };
})();

// A table too wide for the screen scrolls inside its .table-responsive wrapper. The wrapper
// then takes the keyboard focus (so that it can be scrolled without a mouse) and is named by
// the table's caption, as a title (WCAG 2.1.1; axe-core's scrollable-region-focusable). Not an
// aria-label: Playwright's get_by_label, with which the browser tests find form fields, would
// match the table too.
(function () {
  "use strict";
  function label(wrapper) {
    var caption = wrapper.querySelector("caption");
    var section = wrapper.closest("section");
    var heading = section && section.querySelector("h1, h2, h3, h4");
    var named = caption || heading;
    return named ? named.textContent.trim() : "表格";
  }
  function update() {
    document.querySelectorAll(".table-responsive").forEach(function (wrapper) {
      if (wrapper.scrollWidth > wrapper.clientWidth + 1) {
        wrapper.setAttribute("tabindex", "0");
        wrapper.setAttribute("role", "region");
        wrapper.setAttribute("title", label(wrapper) + "（可左右滚动）");
      } else if (wrapper.getAttribute("role") === "region") {
        wrapper.removeAttribute("tabindex");
        wrapper.removeAttribute("role");
        wrapper.removeAttribute("title");
      }
    });
  }
  update();
  window.addEventListener("resize", update);
})();

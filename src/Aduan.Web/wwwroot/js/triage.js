// Keyboard shortcuts for the operator's queue and triage screen. Elements declare their key
// with data-key: a button submits its form, a link is followed, a text field gets the focus.
// In the queue, j/k move the selection and Enter opens the report.
(function () {
  function typing(target) {
    return target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName));
  }
  var rows = Array.prototype.slice.call(document.querySelectorAll("[data-keyboard-list] tbody tr"));
  var selected = -1;
  function select(index) {
    if (rows.length === 0) return;
    if (selected >= 0) rows[selected].classList.remove("selected");
    selected = Math.max(0, Math.min(rows.length - 1, index));
    rows[selected].classList.add("selected");
    var link = rows[selected].querySelector("a");
    if (link) link.focus();
  }
  document.addEventListener("keydown", function (event) {
    if (event.ctrlKey || event.metaKey || event.altKey || typing(event.target)) return;
    var key = event.key.toLowerCase();
    if (rows.length > 0 && (key === "j" || key === "k")) {
      select(selected + (key === "j" ? 1 : -1));
      event.preventDefault();
      return;
    }
    var element = document.querySelector('[data-key="' + key + '"]:not([disabled])');
    if (!element) return;
    event.preventDefault();
    if (element.tagName === "A") { window.location.href = element.href; return; }
    if (element.tagName === "TEXTAREA" || element.tagName === "INPUT") { element.focus(); return; }
    if (element.form) element.form.requestSubmit(element);
  });
})();

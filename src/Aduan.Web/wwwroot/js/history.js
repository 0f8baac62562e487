// Track page: recomputes a report's history chain in the reader's own browser, so they need not
// take the server's word for it. hash_i = SHA-256(hash_(i-1) + ":" + digest_i), starting from "";
// each stored hash must match and the last must equal the report's head. The digests themselves
// come from the server (internal updates are given as digests only).
(function () {
  var section = document.querySelector(".history-check");
  var button = document.getElementById("history-check");
  var result = document.getElementById("history-result");
  if (!section || !button || !result) return;
  var texts = section.dataset;

  function format(template) {
    var args = Array.prototype.slice.call(arguments, 1);
    return template.replace(/\{(\d+)\}/g, function (match, index) {
      return args[index] !== undefined ? String(args[index]) : match;
    });
  }

  function show(text, good) {
    result.textContent = text;
    result.className = good === undefined ? "" : good ? "history-ok" : "history-bad";
  }

  // crypto.subtle exists only in secure contexts (HTTPS, or http://localhost).
  if (!window.crypto || !window.crypto.subtle || !window.TextEncoder) {
    button.disabled = true;
    show(texts.noCrypto);
    return;
  }

  async function sha256Hex(text) {
    var bytes = new Uint8Array(await window.crypto.subtle.digest("SHA-256", new TextEncoder().encode(text)));
    return Array.prototype.map.call(bytes, function (b) { return b.toString(16).padStart(2, "0"); }).join("");
  }

  async function check() {
    button.disabled = true;
    show(texts.checking);
    try {
      var response = await fetch(texts.verifyUrl, { headers: { Accept: "application/json" }, credentials: "omit" });
      if (!response.ok) throw new Error(String(response.status));
      var history = await response.json();
      var previous = "";
      for (var i = 0; i < history.entries.length; i++) {
        var entry = history.entries[i];
        var link = await sha256Hex(previous + ":" + entry.digest);
        if (entry.sequence !== i + 1 || link !== entry.hash) {
          show(format(texts.broken, i + 1), false);
          return;
        }
        previous = link;
      }
      if ((history.entries.length ? previous : null) !== history.head) {
        show(texts.headMismatch, false);
        return;
      }
      show(format(texts.intact, history.entries.length, (history.head || "").slice(0, 12)), true);
    } catch (e) {
      show(texts.failed, false);
    } finally {
      button.disabled = false;
    }
  }

  button.addEventListener("click", check);
})();

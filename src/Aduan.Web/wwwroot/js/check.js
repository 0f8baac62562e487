// Records where the phone is (a verifier's check, an agency's evidence photo), so the finding
// carries the phone's location. Inside a collapsed <details> it waits until that is opened, so
// nobody is asked for their location just for reading a report.
(function () {
  var status = document.getElementById("location-status");
  if (!status || !navigator.geolocation) return;
  function locate() {
    status.textContent = status.dataset.waiting;
    navigator.geolocation.getCurrentPosition(
      function (position) {
        document.getElementById("latitude").value = position.coords.latitude.toFixed(6);
        document.getElementById("longitude").value = position.coords.longitude.toFixed(6);
        status.textContent = status.dataset.done + " (±" + Math.round(position.coords.accuracy) + " m)";
      },
      function (error) { status.textContent = error.message; },
      { enableHighAccuracy: true, timeout: 20000 });
  }
  var details = status.closest("details");
  if (!details || details.open) { locate(); return; }
  details.addEventListener("toggle", function once() {
    if (!details.open) return;
    details.removeEventListener("toggle", once);
    locate();
  });
})();

// Records where the verifier stands when they open a check, so the finding carries the phone's location.
(function () {
  var status = document.getElementById("location-status");
  if (!status || !navigator.geolocation) return;
  status.textContent = status.dataset.waiting;
  navigator.geolocation.getCurrentPosition(
    function (position) {
      document.getElementById("latitude").value = position.coords.latitude.toFixed(6);
      document.getElementById("longitude").value = position.coords.longitude.toFixed(6);
      status.textContent = status.dataset.done + " (±" + Math.round(position.coords.accuracy) + " m)";
    },
    function (error) { status.textContent = error.message; },
    { enableHighAccuracy: true, timeout: 20000 });
})();

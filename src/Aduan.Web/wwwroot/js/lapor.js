// Fills latitude/longitude from the device's location when the reporter asks for it.
(function () {
  const button = document.getElementById("use-location");
  const status = document.getElementById("location-status");
  if (!button || !navigator.geolocation) {
    if (button) button.hidden = true;
    return;
  }
  button.addEventListener("click", function () {
    status.textContent = button.dataset.waiting || "…";
    navigator.geolocation.getCurrentPosition(
      function (position) {
        document.getElementById("latitude").value = position.coords.latitude.toFixed(6);
        document.getElementById("longitude").value = position.coords.longitude.toFixed(6);
        status.textContent = "✓ " + position.coords.latitude.toFixed(5) + ", " + position.coords.longitude.toFixed(5);
      },
      function (error) { status.textContent = error.message; },
      { enableHighAccuracy: true, timeout: 15000 });
  });
})();

/* The timeline's filters: hide the rows that do not match. Without JavaScript the form stays
   hidden and every event is listed. Each row carries what the filters compare in data-*
   attributes, computed by the library's own queries when the site was built. */
(function () {
  "use strict";
  var form = document.getElementById("filters");
  var rows = Array.prototype.slice.call(document.querySelectorAll("#timeline tbody tr"));
  var shown = document.getElementById("shown");
  function holds(list, id) {
    return !id || (" " + list + " ").indexOf(" " + id + " ") >= 0;
  }
  function apply() {
    var f = form.elements, from = f.from.value, to = f.to.value, count = 0;
    var words = f.text.value.trim().toLowerCase();
    rows.forEach(function (row) {
      var d = row.dataset;
      var keep = (!f.kind.value || d.kind === f.kind.value) && (!from || d.end >= from) && (!to || d.start <= to) &&
        holds(d.places, f.place.value) && holds(d.actors, f.actor.value) && holds(d.weapons, f.weapon.value) &&
        (!words || d.text.indexOf(words) >= 0);
      row.hidden = !keep;
      count += keep ? 1 : 0;
    });
    shown.textContent = count + " of " + rows.length + " events shown";
  }
  form.hidden = false;
  document.getElementById("filter-panel").open = window.matchMedia("(min-width: 40rem)").matches;
  form.addEventListener("input", apply);
  form.addEventListener("change", apply);
  form.addEventListener("submit", function (event) { event.preventDefault(); apply(); });
  form.addEventListener("reset", function () { window.setTimeout(apply, 0); });
  apply();
}());

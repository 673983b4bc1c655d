// ipsearch serve: small enhancements only; every page works without this file.
document.addEventListener("keydown", function (event) {
  // "/" focuses the search box, unless the user is already typing somewhere.
  var target = event.target;
  var typing = target && (target.tagName === "INPUT" || target.tagName === "TEXTAREA" || target.isContentEditable);
  if (event.key === "/" && !typing && !event.ctrlKey && !event.metaKey && !event.altKey) {
    var box = document.getElementById("q");
    if (box) {
      event.preventDefault();
      box.focus();
      box.select();
    }
  }
});

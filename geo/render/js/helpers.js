window.geoDom = window.geoDom || (function () {
  function el(tag, cls, text, parent) {
    var node = document.createElement(tag);
    if (cls) { node.className = cls; }
    if (text !== null && text !== undefined) { node.textContent = String(text); }
    if (parent) { parent.appendChild(node); }
    return node;
  }
  function safeHref(url) {
    if (typeof url !== "string" || !url) { return null; }
    try {
      var u = new URL(url);
      return (u.protocol === "http:" || u.protocol === "https:") ? u.href : null;
    } catch (e) { return null; }
  }
  function link(url, text, parent) {
    var href = safeHref(url);
    if (!href) { return el("span", null, text, parent); }
    var a = el("a", null, text, parent);
    a.href = href;
    a.target = "_blank";
    a.rel = "noopener noreferrer nofollow";
    return a;
  }
  return {el: el, safeHref: safeHref, link: link};
})();

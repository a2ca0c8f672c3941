// Images marked data-action="zoom" (as the blog's Jekyll theme marked them) open at full
// size over the page on click, or with Enter or Space; a click, Escape or scrolling closes them.
(() => {
  let open = null;
  const close = () => {
    if (!open) return;
    const { overlay, from } = open;
    open = null;
    overlay.remove();
    from.focus({ preventScroll: true });
  };
  const zoom = (img) => {
    close();
    const overlay = document.createElement("div");
    overlay.className = "zoom-overlay";
    overlay.setAttribute("role", "dialog");
    overlay.setAttribute("aria-modal", "true");
    overlay.setAttribute("aria-label", img.alt || "image");
    overlay.tabIndex = -1;
    overlay.style.cssText =
      "position:fixed;inset:0;z-index:1000;display:flex;align-items:center;justify-content:center;background:rgba(0,0,0,.85);cursor:zoom-out";
    const big = document.createElement("img");
    big.src = img.currentSrc || img.src;
    big.alt = img.alt;
    big.style.cssText = "max-width:95vw;max-height:95vh;object-fit:contain";
    overlay.append(big);
    overlay.addEventListener("click", close);
    document.body.append(overlay);
    open = { overlay, from: img };
    overlay.focus();
  };
  for (const img of document.querySelectorAll('img[data-action="zoom"]')) {
    img.style.cursor = "zoom-in";
    img.tabIndex = 0;
    img.setAttribute("role", "button");
    img.addEventListener("click", () => zoom(img));
    img.addEventListener("keydown", (e) => {
      if (e.key === "Enter" || e.key === " ") {
        e.preventDefault();
        zoom(img);
      }
    });
  }
  document.addEventListener("keydown", (e) => {
    if (e.key === "Escape") close();
  });
  window.addEventListener("scroll", close, { passive: true });
})();

// MathJax for posts with math: kramdown writes inline math as \( … \) and display math as \[ … \].
window.MathJax = {
  tex: { inlineMath: [["\\(", "\\)"]], displayMath: [["\\[", "\\]"]] },
  svg: { fontCache: "global" },
  options: { enableMenu: false },
};

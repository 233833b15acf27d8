export { drawText } from "./text.ts";
export { drawSvg, renderSvg, type SvgSize } from "./svg.ts";

package ai.hanzo.node.api.http.ui;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.openqa.selenium.Keys;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.interactions.Actions;

/**
 * The basic accessibility the dashboard promises, measured on the page as the browser renders it: every control has
 * an accessible name, Tab reaches every control and the focused one shows an outline, and text stands out from its
 * background by at least 4.5:1 (WCAG AA), computed from getComputedStyle. Returns what is wrong, one line each.
 */
final class AccessibilityAudit {
  /** WCAG 2.x AA for normal-size text. */
  static final double MIN_CONTRAST = 4.5;

  /**
   * Names and contrast in one pass. Disabled controls are left out of the contrast check (WCAG exempts inactive
   * components), SVG drawings too (their text is drawn with fill, and each has an aria-label of its own).
   */
  private static final String NAMES_AND_CONTRAST = """
      const problems = [];
      const visible = (el) => el.getClientRects().length > 0 && getComputedStyle(el).visibility !== 'hidden';
      const describe = (el) => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '')
        + (el.className && typeof el.className === 'string' ? '.' + el.className.trim().replace(/\\s+/g, '.') : '')
        + ' "' + (el.textContent || el.value || '').trim().slice(0, 30) + '"';
      function nameOf(el) {
        const aria = (el.getAttribute('aria-label') || '').trim();
        if (aria) return aria;
        const by = el.getAttribute('aria-labelledby');
        if (by) {
          const t = by.split(/\\s+/).map((id) => (document.getElementById(id) || {}).textContent || '').join(' ').trim();
          if (t) return t;
        }
        if (el.labels && el.labels.length) {
          const t = [...el.labels].map((l) => l.textContent).join(' ').trim();
          if (t) return t;
        }
        if (el.tagName === 'BUTTON' || el.tagName === 'A') {
          const t = el.textContent.trim();
          if (t) return t;
        }
        return (el.getAttribute('title') || '').trim();
      }
      const controls = [...document.querySelectorAll('input, select, textarea, button, a[href]')].filter(visible);
      for (const el of controls) if (!nameOf(el)) problems.push('no accessible name: ' + describe(el));

      function rgba(css) {
        const m = /rgba?\\(([^)]+)\\)/.exec(css);
        if (!m) return null;
        const p = m[1].split(/[\\s,\\/]+/).filter(Boolean).map(Number);
        return [p[0], p[1], p[2], p.length > 3 ? p[3] : 1];
      }
      function background(el) {
        const layers = [];
        for (let e = el; e; e = e.parentElement) {
          const c = rgba(getComputedStyle(e).backgroundColor);
          if (c && c[3] > 0) { layers.push(c); if (c[3] >= 1) break; }
        }
        let out = [255, 255, 255];
        for (const c of layers.reverse()) out = out.map((v, i) => c[i] * c[3] + v * (1 - c[3]));
        return out;
      }
      function luminance(c) {
        const [r, g, b] = c.map((v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; });
        return 0.2126 * r + 0.7152 * g + 0.0722 * b;
      }
      const texts = [...document.body.querySelectorAll('*')].filter((el) => !el.closest('svg, option, script, :disabled')
        && visible(el) && ([...el.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim())
          || ['INPUT', 'SELECT', 'TEXTAREA'].includes(el.tagName)));
      let worst = 21;
      for (const el of texts) {
        const fg = rgba(getComputedStyle(el).color);
        const bg = background(el);
        const text = fg[3] < 1 ? fg.slice(0, 3).map((v, i) => v * fg[3] + bg[i] * (1 - fg[3])) : fg.slice(0, 3);
        const [a, b] = [luminance(text), luminance(bg)].sort((x, y) => y - x);
        const ratio = (a + 0.05) / (b + 0.05);
        worst = Math.min(worst, ratio);
        if (ratio < arguments[0]) problems.push('contrast ' + ratio.toFixed(2) + ':1 for ' + describe(el));
      }
      return { problems, controls: controls.length, texts: texts.length, worst };
      """;

  /** Marks every control Tab should reach (visible, enabled, not taken out of the order) with data-a11y. */
  private static final String MARK_TABBABLE = """
      let i = 0;
      for (const el of document.querySelectorAll('input, select, textarea, button, a[href], [tabindex]')) {
        if (el.getClientRects().length === 0 || el.disabled || el.tabIndex < 0) continue;
        el.dataset.a11y = String(i++);
      }
      if (document.activeElement) document.activeElement.blur();
      return i;
      """;

  /** The focused element's mark and whether a focus outline is drawn around it. */
  private static final String FOCUSED = """
      const el = document.activeElement;
      if (!el || el === document.body) return null;
      const s = getComputedStyle(el);
      return { mark: el.dataset.a11y || '', what: el.tagName + (el.id ? '#' + el.id : ''),
        outlined: s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0 };
      """;

  private AccessibilityAudit() {
  }

  /** Everything wrong on the page as it is now; empty when it passes. */
  static List<String> problems(ChromeDriver browser, String page) {
    List<String> problems = new ArrayList<>();
    @SuppressWarnings("unchecked")
    Map<String, Object> found = (Map<String, Object>) browser.executeScript(NAMES_AND_CONTRAST, MIN_CONTRAST);
    @SuppressWarnings("unchecked")
    List<String> named = (List<String>) found.get("problems");
    named.forEach(p -> problems.add(page + ": " + p));
    System.out.printf("a11y %s: %s controls, %s text elements, lowest contrast %.2f:1%n", page, found.get("controls"),
        found.get("texts"), ((Number) found.get("worst")).doubleValue());
    problems.addAll(keyboard(browser, page));
    return problems;
  }

  /**
   * Presses Tab (twice as often as there are controls, so the walk wraps around the page once) and checks that
   * every control came into focus, each with a visible outline.
   */
  private static List<String> keyboard(ChromeDriver browser, String page) {
    long tabbable = (Long) browser.executeScript(MARK_TABBABLE);
    TreeSet<Integer> reached = new TreeSet<>();
    List<String> problems = new ArrayList<>();
    for (int i = 0; i < 2 * tabbable + 4; i++) {
      new Actions(browser).sendKeys(Keys.TAB).perform();
      @SuppressWarnings("unchecked")
      Map<String, Object> focused = (Map<String, Object>) browser.executeScript(FOCUSED);
      if (focused == null) {
        continue;
      }
      if (!(Boolean) focused.get("outlined")) {
        problems.add(page + ": no visible focus on " + focused.get("what"));
      }
      String mark = (String) focused.get("mark");
      if (!mark.isEmpty()) {
        reached.add(Integer.parseInt(mark));
      }
    }
    if (reached.size() != tabbable) {
      problems.add(page + ": Tab reached " + reached.size() + " of " + tabbable + " controls: " + reached);
    }
    return problems.stream().distinct().toList();
  }
}

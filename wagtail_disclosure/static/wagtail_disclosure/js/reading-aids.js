/* 无障碍阅读 / 适老化: the reading aids toolbar (includes/reading_aids.html).

   MIIT《互联网网站适老化通用设计规范》asks for large text, high contrast and read-aloud that do not
   depend on the visitor's operating system or browser, and for versions without pop-ups.
   Loaded in <head>, not deferred: the first part applies the remembered choice to <html> before
   the body exists (so nothing is drawn twice); the rest sets up the toolbar once the document
   is parsed. No network: read-aloud uses the browser's speech synthesis with a voice of the
   device only (SpeechSynthesisVoice.localService), never a voice service on the network.
   The modes are classes on <html>, styled by reading-aids.css:
     wd-aids-text-125, wd-aids-text-150  larger root font size (the layout reflows, no zoom)
     wd-aids-contrast                    high contrast (white on black, yellow underlined links)
     wd-aids-simple                      one column, nothing fixed or animated, no pop-ups
   and wd-aids-on, which shows the toolbar as soon as this script runs. */
(function () {
  "use strict";
  var KEY = "wagtail-disclosure:reading-aids";
  var SIZES = ["125", "150"];
  var root = document.documentElement;

  function normalise(value) {
    value = value && typeof value === "object" ? value : {};
    return {
      text: SIZES.indexOf(String(value.text)) >= 0 ? String(value.text) : "",
      contrast: value.contrast === true,
      simple: value.simple === true
    };
  }

  function load() {
    try {
      return normalise(JSON.parse(window.localStorage.getItem(KEY) || "{}"));
    } catch (e) {  // storage switched off, or a value written by someone else
      return normalise({});
    }
  }

  function save(state) {
    try {
      if (!state.text && !state.contrast && !state.simple) {
        window.localStorage.removeItem(KEY);
      } else {
        window.localStorage.setItem(KEY, JSON.stringify(state));
      }
    } catch (e) { /* not remembered, but applied to this page */ }
  }

  function apply(state) {
    SIZES.forEach(function (size) {
      root.classList.toggle("wd-aids-text-" + size, state.text === size);
    });
    root.classList.toggle("wd-aids-contrast", state.contrast);
    root.classList.toggle("wd-aids-simple", state.simple);
  }

  var state = load();
  root.classList.add("wd-aids-on");
  apply(state);

  // -- the toolbar, once the document is parsed ------------------------------------------

  function init() {
    var bar = document.querySelector("[data-wd-aids]");
    if (!bar) {
      return;
    }
    var buttons = Array.prototype.slice.call(bar.querySelectorAll("button[data-wd-aid]"));
    var statusLine = bar.querySelector("[role=status]");
    var main = document.getElementById("main") || document.querySelector("main");
    var tree = document.getElementById("wd-tree");
    var branches = Array.prototype.slice.call(document.querySelectorAll(".wd-tree__branch"));
    // The folds of the 公开目录 tree as the page set them, to restore after the simple layout.
    var folds = tree ? [tree.open].concat(branches.map(function (b) { return b.open; })) : [];

    function button(name) {
      return buttons.filter(function (b) { return b.getAttribute("data-wd-aid") === name; })[0];
    }

    function say(text) {
      if (statusLine) {
        statusLine.textContent = text || "";
      }
    }

    function render() {
      buttons.forEach(function (b) {
        var name = b.getAttribute("data-wd-aid");
        if (name === "text") {
          b.setAttribute("aria-pressed", String(state.text === b.getAttribute("data-wd-value")));
        } else if (name === "contrast" || name === "simple") {
          b.setAttribute("aria-pressed", String(state[name]));
        }
      });
    }

    // The simple layout shows the tree as a plain list: folded above the content, every
    // level open inside; and no dialog stays open.
    var wasSimple = null;
    function layout() {
      if (state.simple === wasSimple) {
        return;
      }
      if (tree) {
        var all = [tree].concat(branches);
        all.forEach(function (fold, i) {
          fold.open = state.simple ? fold !== tree : folds[i];
        });
      }
      if (state.simple) {
        Array.prototype.forEach.call(document.querySelectorAll("dialog[open]"), function (d) {
          d.close();
        });
        // Whatever a site's own styles fix or stick to the screen is put back in the flow
        // (reading-aids.css: .wd-aids-unstuck). Wagtail's user bar is an editor's tool.
        Array.prototype.forEach.call(document.body.querySelectorAll("*"), function (el) {
          var position = getComputedStyle(el).position;
          if ((position === "fixed" || position === "sticky") && !el.closest("wagtail-userbar")) {
            el.classList.add("wd-aids-unstuck");
          }
        });
      } else {
        Array.prototype.forEach.call(document.querySelectorAll(".wd-aids-unstuck"), function (el) {
          el.classList.remove("wd-aids-unstuck");
        });
      }
      wasSimple = state.simple;
    }

    function change(next) {
      state = normalise(next);
      apply(state);
      save(state);
      render();
      layout();
    }

    // -- read-aloud: window.speechSynthesis, with a voice of the device ------------------

    var synth = window.speechSynthesis;
    var Utterance = window.SpeechSynthesisUtterance;
    var canSpeak = !!(synth && typeof synth.speak === "function" && typeof Utterance === "function");
    var speakButton = button("speak");
    var stopButton = button("stop");
    var speaking = false;
    var origin = null;     // the element that had focus right before the toolbar
    var selected = "";     // the text selected when a toolbar button was pressed

    if (!canSpeak) {
      var note = document.getElementById("wd-aids-no-speech");
      if (speakButton) {
        speakButton.disabled = true;
        if (note) {
          note.hidden = false;
          speakButton.setAttribute("aria-describedby", note.id);
        }
      }
      if (stopButton) {
        stopButton.hidden = true;
        stopButton.parentNode.hidden = true;
      }
    }

    function language() {
      var lang = (root.getAttribute("lang") || "zh-CN").toLowerCase();
      if (lang.indexOf("zh") === 0) {
        return /hant|tw|hk|mo/.test(lang) ? "zh-TW" : "zh-CN";
      }
      return lang;
    }

    // A local voice for the language: null when there is none. voices === [] means the
    // browser has not listed its voices (yet): it is left to choose by language.
    function chooseVoice(lang) {
      var voices = (synth.getVoices && synth.getVoices()) || [];
      var local = voices.filter(function (v) { return v.localService; });
      var tag = function (v) { return String(v.lang || "").replace("_", "-").toLowerCase(); };
      var wanted = lang.toLowerCase();
      var exact = local.filter(function (v) { return tag(v) === wanted; });
      var near = local.filter(function (v) { return tag(v).split("-")[0] === wanted.split("-")[0]; });
      return {voice: exact[0] || near[0] || null, listed: voices.length > 0};
    }

    // Short pieces, cut after a sentence: some engines stop a long utterance half-way.
    function pieces(text) {
      var sentences = String(text).replace(/[ \t\u00a0]+/g, " ")
        .match(/[^。！？!?；;\n]+[。！？!?；;\n]*/g) || [];
      var out = [];
      var current = "";
      sentences.forEach(function (sentence) {
        sentence = sentence.trim();
        while (sentence.length > 200) {
          out.push(sentence.slice(0, 200));
          sentence = sentence.slice(200);
        }
        if (current && (current + sentence).length > 200) {
          out.push(current);
          current = "";
        }
        current += sentence;
      });
      if (current) {
        out.push(current);
      }
      return out.filter(function (p) { return /\S/.test(p); });
    }

    function rendered(el) {
      return !(el.closest("[hidden], [aria-hidden=true]")) &&
        (typeof el.checkVisibility !== "function" || el.checkVisibility());
    }

    // The main content's text, without the navigation inside it (the 公开目录 tree).
    function mainText() {
      if (!main) {
        return "";
      }
      var parts = [];
      (function walk(el) {
        if (el.matches("nav, script, style, template, [hidden], [aria-hidden=true], [data-wd-aids-skip]") ||
            !rendered(el)) {
          return;
        }
        if (!el.children.length || !Array.prototype.some.call(el.children, function (c) {
          return /^(block|flex|grid|table|list-item|table-row|table-row-group)/.test(getComputedStyle(c).display);
        })) {
          parts.push(el.innerText);
          return;
        }
        Array.prototype.forEach.call(el.childNodes, function (node) {
          if (node.nodeType === 1) {
            walk(node);
          } else if (node.nodeType === 3 && /\S/.test(node.nodeValue)) {
            parts.push(node.nodeValue);
          }
        });
      })(main);
      return parts.join("\n");
    }

    function whatToRead() {
      if (selected) {
        return selected;
      }
      if (origin && origin !== main && main && main.contains(origin) && origin.isConnected) {
        var text = origin.innerText || origin.value || origin.getAttribute("aria-label") || "";
        if (/\S/.test(text)) {
          return text;
        }
      }
      return mainText();
    }

    function finished(message) {
      if (speaking) {
        speaking = false;
        if (speakButton) {
          speakButton.setAttribute("aria-pressed", "false");
        }
        say(message);
      }
    }

    function stop() {
      if (canSpeak) {
        synth.cancel();
      }
      finished(bar.getAttribute("data-msg-stopped"));
    }

    function speak(text) {
      var list = pieces(text);
      var lang = language();
      var choice = chooseVoice(lang);
      if (!list.length) {
        return;
      }
      if (choice.listed && !choice.voice) {
        say(bar.getAttribute("data-msg-no-voice"));
        return;
      }
      synth.cancel();
      speaking = true;
      speakButton.setAttribute("aria-pressed", "true");
      say(bar.getAttribute("data-msg-reading"));
      list.forEach(function (piece, i) {
        var utterance = new Utterance(piece);
        utterance.lang = lang;
        if (choice.voice) {
          utterance.voice = choice.voice;
        }
        utterance.rate = 0.9;  // a little slower than the engine's default
        if (i === list.length - 1) {
          utterance.onend = function () { finished(bar.getAttribute("data-msg-finished")); };
        }
        synth.speak(utterance);
      });
    }

    // Remember where focus and selection were before a toolbar button took them.
    document.addEventListener("focusin", function (event) {
      if (bar.contains(event.target)) {
        var from = event.relatedTarget;
        if (!from || !bar.contains(from)) {
          origin = from || null;
        }
      }
    });
    bar.addEventListener("pointerdown", function () {
      selected = String(window.getSelection ? window.getSelection() : "").trim();
    });
    bar.addEventListener("keydown", function () {
      selected = String(window.getSelection ? window.getSelection() : "").trim();
    });

    bar.addEventListener("click", function (event) {
      var target = event.target.closest("button[data-wd-aid]");
      if (!target || target.disabled) {
        return;
      }
      var name = target.getAttribute("data-wd-aid");
      var next = {text: state.text, contrast: state.contrast, simple: state.simple};
      if (name === "text") {
        var value = target.getAttribute("data-wd-value");
        next.text = state.text === value ? "" : value;
        change(next);
      } else if (name === "contrast" || name === "simple") {
        next[name] = !state[name];
        change(next);
      } else if (name === "reset") {
        if (speaking) {
          stop();
        }
        change({});
        say(bar.getAttribute("data-msg-reset"));
      } else if (name === "speak" && canSpeak) {
        if (speaking) {
          stop();
        } else {
          speak(whatToRead());
        }
      } else if (name === "stop") {
        stop();
      }
      selected = "";
    });

    // The choice made in another tab of the same site.
    window.addEventListener("storage", function (event) {
      if (event.key === KEY || event.key === null) {
        state = load();
        apply(state);
        render();
        layout();
      }
    });
    window.addEventListener("pagehide", function () {
      if (canSpeak && speaking) {
        synth.cancel();
      }
    });

    render();
    layout();
    bar.hidden = false;
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();

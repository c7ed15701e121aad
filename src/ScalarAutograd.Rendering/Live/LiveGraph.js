// The live graph: the C# engine's forward pass and Backward(), re-run in the page on every input.
// Each operation is its forward value and, beside it, its local derivatives, exactly as in
// src/ScalarAutograd/Forward.cs; backward is Value.Backward's loop. Plain ES5, no dependencies.
var ScalarAutogradLive = (function () {
  "use strict";

  // ---- The engine ---------------------------------------------------------------------------------------------

  // C's pow, which .NET's Math.Pow calls: 1^y = 1 and (−1)^±∞ = 1, where JavaScript's Math.pow says NaN.
  function pow(a, b) {
    if (a === 1 || (a === -1 && (b === Infinity || b === -Infinity))) return 1;
    return Math.pow(a, b);
  }

  // d/da a^k = k·a^(k−1); exactly 0 for k = 0.
  function powerRule(a, k) { return k === 0 ? 0 : k * pow(a, k - 1); }

  // d/db a^b = a^b·ln a; exactly 0 where a = 0 and b ≥ 0.
  function powSlopeB(a, b) { return a === 0 && b >= 0 ? 0 : pow(a, b) * Math.log(a); }

  // Forward.Evaluate: [result, ∂result/∂a, ∂result/∂b]; for "^" (a constant exponent) b is the exponent.
  function evaluate(op, a, b) {
    switch (op) {
      case "+": return [a + b, 1, 1];
      case "-": return [a - b, 1, -1];
      case "*": return [a * b, b, a];
      case "/": var q = a / b; return [q, 1 / b, -q / b];
      case "neg": return [-a, -1, 0];
      case "^": return [pow(a, b), powerRule(a, b), b];
      case "pow": var r = pow(a, b); return [r, powerRule(a, b), a === 0 && b >= 0 ? 0 : r * Math.log(a)];
      case "exp": var e = Math.exp(a); return [e, e, 0];
      case "log": return [Math.log(a), 1 / a, 0];
      case "tanh": var t = Math.tanh(a); return [t, 1 - t * t, 0];
      case "ReLU": var u = a < 0 ? 0 : a; return [u, u > 0 ? 1 : 0, 0]; // NaN stays NaN, slope 0
      case "sigmoid": var s = 1 / (1 + Math.exp(-a)); return [s, s * (1 - s), 0];
      // The slopes a Derivative() graph computes as operations: ReLU's step, and a^b's two slopes.
      case "ReLU'": return [a > 0 ? 1 : 0, 0, 0];
      case "∂pow/∂a": return [powerRule(a, b), b * powerRule(a, b - 1), pow(a, b - 1) + b * powSlopeB(a, b - 1)];
      case "∂pow/∂b": var d = powSlopeB(a, b); return [d, b * powSlopeB(a, b - 1) + pow(a, b - 1), d * Math.log(a)];
    }
    throw new Error("The live graph does not know the operation " + op);
  }

  // The graph as typed arrays, in topological order (operands before results, the output last).
  function compile(model) {
    var n = model.values.length, g = {
      n: n, op: [], a: new Int32Array(n), b: new Int32Array(n), k: new Float64Array(n), terms: [],
      data: new Float64Array(n), grad: new Float64Array(n), dA: new Float64Array(n), dB: new Float64Array(n)
    };
    model.values.forEach(function (v, i) {
      var args = v.args || [];
      g.op[i] = v.op;
      g.a[i] = args.length > 0 ? args[0] : -1;
      var many = v.op === "Σ" || v.op === DOT; // operands as a list, not a and b
      g.b[i] = args.length > 1 && !many ? args[1] : -1;
      g.k[i] = v.k === undefined ? 0 : Number(v.k);
      g.terms[i] = many ? args : null;
      g.data[i] = Number(v.data); // "NaN", "Infinity" arrive as strings
    });
    return g;
  }

  // A neuron's Σ wᵢ·xᵢ + b as one value (Value.Dot.cs); its operands are w0, x0, w1, x1, …, b.
  var DOT = "Σw·x+b";

  // Value.Recompute then Value.Backward from zeroed grads: what L.ZeroGrad(); L.Backward() gives in C#.
  function run(g) {
    var i, j, r, op, terms, total;
    for (i = 0; i < g.n; i++) {
      op = g.op[i];
      if (op === "") continue; // a leaf: its data is the input
      if (op === "Σ") {
        terms = g.terms[i];
        for (total = 0, j = 0; j < terms.length; j++) total += g.data[terms[j]];
        g.data[i] = total;
        continue;
      }
      if (op === DOT) { // the same sum in the same order as C#
        terms = g.terms[i];
        for (total = 0, j = 0; j < terms.length - 1; j += 2) total += g.data[terms[j]] * g.data[terms[j + 1]];
        g.data[i] = total + g.data[terms[terms.length - 1]];
        continue;
      }
      r = evaluate(op, g.data[g.a[i]], op === "^" ? g.k[i] : g.b[i] >= 0 ? g.data[g.b[i]] : 0);
      g.data[i] = r[0]; g.dA[i] = r[1]; g.dB[i] = r[2];
    }
    g.grad.fill(0);
    g.grad[g.n - 1] = 1; // ∂L/∂L = 1
    for (i = g.n - 1; i >= 0; i--) { // the chain rule, results before operands
      op = g.op[i];
      if (op === "") continue;
      if (op === "Σ") {
        terms = g.terms[i];
        for (j = 0; j < terms.length; j++) g.grad[terms[j]] += g.grad[i]; // ∂Σ/∂term = 1
        continue;
      }
      if (op === DOT) { // b gets the grad, then each product from the last: w gets x·grad, x gets w·grad
        terms = g.terms[i];
        g.grad[terms[terms.length - 1]] += g.grad[i];
        for (r = 0 + g.grad[i], j = terms.length - 3; j >= 0; j -= 2) {
          g.grad[terms[j]] += g.data[terms[j + 1]] * r;
          g.grad[terms[j + 1]] += g.data[terms[j]] * r;
        }
        continue;
      }
      g.grad[g.a[i]] += g.dA[i] * g.grad[i];
      if (g.b[i] >= 0) g.grad[g.b[i]] += g.dB[i] * g.grad[i];
    }
  }

  // ---- Numbers and colours as the C# drawing writes them ------------------------------------------------------

  // A number as the pictures show it (NumberText.cs): .NET's formatting, without the sign of a number shown as zero.
  function format(x, fmt) {
    var text = formatSigned(x, fmt);
    return /^-[0.,]*0[0.,]*([eE].*)?$/.test(text) ? text.slice(1) : text;
  }

  // x.ToString(format, CultureInfo.InvariantCulture) for .NET's standard formats F, N, E, G and R.
  function formatSigned(x, fmt) {
    if (x !== x) return "NaN";
    if (x === Infinity) return "Infinity";
    if (x === -Infinity) return "-Infinity";
    var kind = fmt.charAt(0), p = fmt.length > 1 ? Number(fmt.slice(1)) : -1, abs = Math.abs(x);
    var sign = x < 0 || 1 / x < 0 ? "-" : ""; // .NET keeps the sign of −0 and of negatives that round to 0
    switch (kind.toUpperCase()) {
      case "F": return sign + fixed(abs, p < 0 ? 2 : p, false);
      case "N": return sign + fixed(abs, p < 0 ? 2 : p, true);
      case "E": return sign + scientific(exponential(abs, p < 0 ? 6 : p), kind, 3);
      default: return sign + general(abs, kind === "R" || kind === "r" ? 0 : Math.max(p, 0), kind === "g" || kind === "r" ? "e" : "E");
    }
  }

  // toFixed and toExponential round an exact half up; .NET rounds it to the even digit. The exact value's first
  // 100 places (a double's halves end well before) show whether the cut falls on a half: then take the even side.
  function fixed(abs, p, group) {
    var s = abs < 1e21 ? abs.toFixed(p) : BigInt(abs).toString() + (p > 0 ? "." + "0".repeat(p) : "");
    if (abs < 1e21 && p < 100) {
      var exact = abs.toFixed(100), dot = exact.indexOf(".");
      var down = exact.slice(0, p > 0 ? dot + 1 + p : dot);
      if (/^50*$/.test(exact.slice(dot + 1 + p)) && Number(down.slice(-1)) % 2 === 0) s = down;
    }
    if (group) s = s.replace(/^\d+/, function (int) { return int.replace(/\B(?=(\d{3})+$)/g, ","); });
    return s;
  }

  function exponential(abs, p) {
    var s = abs.toExponential(p);
    if (p >= 100) return s;
    var exact = abs.toExponential(100), e = exact.indexOf("e");
    var down = exact.slice(0, p > 0 ? 2 + p : 1);
    return /^50*$/.test(exact.slice(2 + p, e)) && Number(down.slice(-1)) % 2 === 0 ? down + exact.slice(e) : s;
  }

  // "1.2345e+3" → "1.2345E+003" (.NET pads E's exponent to 3 digits, G's to 2).
  function scientific(js, letter, digits) {
    var m = /^([\d.]+)e([+-])(\d+)$/.exec(js);
    var exponent = m[3];
    while (exponent.length < digits) exponent = "0" + exponent;
    return m[1] + letter + m[2] + exponent;
  }

  // G with p significant digits (p = 0: the shortest round-trip digits, as R and plain G give), of |x|.
  function general(abs, p, letter) {
    var js = p === 0 ? abs.toExponential() : exponential(abs, p - 1);
    var m = /^(\d)(?:\.(\d*))?e([+-]\d+)$/.exec(js);
    var digits = (m[1] + (m[2] || "")).replace(/0+$/, "") || "0", e = Number(m[3]);
    if (digits === "0") return "0";
    if (e > -5 && e < (p === 0 ? 17 : p)) { // fixed-point notation (shortest: .NET allows 17 digits before E)
      if (e < 0) return "0." + "0".repeat(-e - 1) + digits;
      if (digits.length <= e + 1) return digits + "0".repeat(e + 1 - digits.length);
      return digits.slice(0, e + 1) + "." + digits.slice(e + 1);
    }
    var mantissa = digits.length > 1 ? digits.charAt(0) + "." + digits.slice(1) : digits;
    return scientific(mantissa + "e" + (e < 0 ? "-" : "+") + Math.abs(e), letter, 2);
  }

  // GradientPalette.Color: blue (negative) → white (0) → red (positive), the ends at ±max.
  function color(grad, max, palette) {
    if (!isFinite(grad) || !(max > 0) || !isFinite(max)) return palette[1];
    var t = Math.min(Math.abs(grad) / max, 1), end = grad < 0 ? palette[0] : palette[2], out = "#";
    for (var c = 1; c < 7; c += 2) {
      var from = parseInt(palette[1].substr(c, 2), 16), to = parseInt(end.substr(c, 2), 16);
      out += ("0" + roundHalfEven(from + (to - from) * t).toString(16)).slice(-2);
    }
    return out;
  }

  // .NET's Math.Round: halves go to the even neighbour (JavaScript's Math.round sends them up).
  function roundHalfEven(x) {
    var r = Math.round(x);
    return r - x === 0.5 && r % 2 !== 0 ? r - 1 : r;
  }

  return { evaluate: evaluate, compile: compile, run: run, format: format, color: color };
})();

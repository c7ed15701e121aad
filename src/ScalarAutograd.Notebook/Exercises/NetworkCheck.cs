using System.Collections;
using System.Reflection;

namespace ScalarAutograd.Notebook;

/// <summary>
/// Checks a learner's <c>Neuron</c>, <c>Layer</c> or <c>MLP</c> built on their own value class: its
/// <c>Forward</c> against the same network built from <see cref="Value"/>s with the same parameters (read in the
/// order <c>Parameters()</c> lists them: each neuron's weights, then its bias), and every parameter's grad after the
/// learner's own <c>Backward()</c> on the output (the sum of the outputs when there are several).
/// </summary>
internal static class NetworkCheck
{
    public static CheckResult Run<TNet>(string name, int inputs, int[] sizes, Func<Random, TNet> make, string rule)
    {
        ArgumentNullException.ThrowIfNull(make);
        for (var seed = 1; seed <= 3; seed++)
        {
            try
            {
                if (Once(name, inputs, sizes, make(new Random(seed)), new Random(100 + seed), rule) is { } result) return result;
            }
            catch (Exception e) when (e is NotImplementedException or MissingMemberException)
            {
                return new CheckResult(name, CheckOutcome.ToDo, $"✎ {name} — to do: {Check.What(e)}. Write it in the {typeof(TNet).Name} cell above, run that cell, then this one.");
            }
            catch (Exception e)
            {
                return new CheckResult(name, CheckOutcome.Threw, $"✗ {name}: your {typeof(TNet).Name} threw {e.GetType().Name}: {e.Message}");
            }
        }
        return new CheckResult(name, CheckOutcome.Passed,
            $"✓ {name}: your {typeof(TNet).Name} agrees with the same network built from ScalarAutograd.Value on 3 random networks of {inputs} inputs and layers of {string.Join(", ", sizes)}: {rule}; every output and every parameter's grad.");
    }

    private static CheckResult? Once(string name, int inputs, int[] sizes, object? net, Random random, string rule)
    {
        if (net is null) throw new InvalidOperationException("the network is null");
        var type = net.GetType();
        var forward = type.GetMethod("Forward", BindingFlags.Public | BindingFlags.Instance)
            ?? throw new MissingMemberException($"{type.Name} has no public Forward method");
        var parameters = type.GetMethod("Parameters", BindingFlags.Public | BindingFlags.Instance, Type.EmptyTypes)
            ?? throw new MissingMemberException($"{type.Name} has no `public IEnumerable<…> Parameters()`");
        var mine = ((IEnumerable)(parameters.Invoke(net, BindingFlags.DoNotWrapExceptions, null, [], null) ?? Array.Empty<object>())).Cast<IDrawableValue>().ToList();
        var expectedCount = sizes.Select((size, l) => size * ((l == 0 ? inputs : sizes[l - 1]) + 1)).Sum();
        if (mine.Count != expectedCount)
            return new CheckResult(name, CheckOutcome.Wrong, $"✗ {name}: Parameters() gives {mine.Count} values; with {inputs} inputs and layers of {string.Join(", ", sizes)} it should give {expectedCount} (each neuron's weights, one per input, then its bias).");

        var learner = new LearnerClass(mine.Count > 0 ? mine[0].GetType() : typeof(object));
        Label(mine, inputs, sizes, learner);
        var x = Enumerable.Range(0, inputs).Select(_ => Math.Round(random.NextDouble() * 4 - 2, 1)).ToArray();
        var parameter = forward.GetParameters() is [{ ParameterType: var p }] ? p
            : throw new MissingMemberException($"{type.Name}.Forward must take one argument: the inputs");
        List<IDrawableValue>? myInputs = null;
        object argument = x;
        if (parameter != typeof(double[]))
        {
            myInputs = [.. x.Select((xi, i) => learner.Number(xi, $"x{i + 1}"))];
            var array = Array.CreateInstance(parameter.GetElementType() ?? learner.Type, inputs);
            for (var i = 0; i < inputs; i++) array.SetValue(myInputs[i], i);
            argument = array;
        }
        var returned = forward.Invoke(net, BindingFlags.DoNotWrapExceptions, null, [argument], null);
        List<IDrawableValue> myOutputs = returned switch
        {
            IDrawableValue one => [one],
            IEnumerable many => [.. many.Cast<IDrawableValue>()],
            _ => throw new InvalidOperationException("Forward returned null"),
        };

        // The same network from the library's Values, parameters in the learner's order.
        var lib = mine.Select(v => new Value(v.Data, v.Label)).ToList();
        var libInputs = x.Select((xi, i) => new Value(xi, $"x{i + 1}")).ToList();
        var layer = libInputs;
        var at = 0;
        foreach (var (size, l) in sizes.Select((s, l) => (s, l)))
        {
            var nin = layer.Count;
            var next = new List<Value>();
            for (var j = 0; j < size; j++)
            {
                var act = lib[at + nin];
                for (var i = 0; i < nin; i++) act += lib[at + i] * layer[i];
                next.Add(act.Tanh());
                at += nin + 1;
            }
            layer = next;
        }
        if (myOutputs.Count != layer.Count)
            return new CheckResult(name, CheckOutcome.Wrong, $"✗ {name}: Forward gives {myOutputs.Count} outputs; it should give {layer.Count}.");

        var myRoot = myOutputs[0];
        var libRoot = layer[0];
        for (var j = 1; j < layer.Count; j++)
        {
            myRoot = learner.Binary("+", myRoot, myOutputs[j]);
            libRoot += layer[j];
        }
        for (var j = 0; j < layer.Count; j++)
        {
            if (Comparison.Close(myOutputs[j].Data, layer[j].Data)) continue;
            var output = myOutputs.Count == 1 ? "the output" : $"output {j + 1}";
            return Wrong(name, myRoot, myOutputs[j], $"✗ expected {Comparison.N(layer[j].Data)}",
                $"{output}: yours {Comparison.N(myOutputs[j].Data)}, expected {Comparison.N(layer[j].Data)}; {rule}");
        }
        libRoot.Backward();
        learner.Backward(myRoot);
        var all = mine.Zip(lib).Concat(myInputs is null ? [] : myInputs.Zip(libInputs));
        foreach (var (m, l) in all)
        {
            if (Comparison.Close(m.Grad, l.Grad)) continue;
            return Wrong(name, myRoot, m, $"✗ expected {Comparison.N(l.Grad)}",
                $"{m.Label}.grad: yours {Comparison.N(m.Grad)}, expected {Comparison.N(l.Grad)}, after Backward() on {(myOutputs.Count == 1 ? "the output" : "the sum of the outputs")}; {rule}");
        }
        return null;
    }

    // Names for the picture, where the learner gave none: w1…, b for one neuron; n2.w1 in a layer; L1.n2.w1 in an MLP.
    private static void Label(List<IDrawableValue> parameters, int inputs, int[] sizes, LearnerClass learner)
    {
        var at = 0;
        for (var l = 0; l < sizes.Length; l++)
        {
            var nin = l == 0 ? inputs : sizes[l - 1];
            for (var j = 0; j < sizes[l]; j++)
            {
                var prefix = (sizes.Length > 1 ? $"L{l + 1}." : "") + (sizes.Length > 1 || sizes[0] > 1 ? $"n{j + 1}." : "");
                for (var i = 0; i <= nin; i++, at++)
                {
                    if (parameters[at].Label is null) learner.SetLabel(parameters[at], prefix + (i < nin ? $"w{i + 1}" : "b"));
                }
            }
        }
    }

    private static CheckResult Wrong(string name, IDrawableValue root, IDrawableValue wrong, string tag, string caption)
    {
        string picture;
        try
        {
            picture = DrawableGraph.MarkedHtml(root, v => ReferenceEquals(v, wrong) ? tag : null, caption, NotebookFormatters.Options);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            picture = $"<div>Graph not drawn: {System.Net.WebUtility.HtmlEncode(e.Message)}</div>";
        }
        return new CheckResult(name, CheckOutcome.Wrong, $"✗ {name}: your network differs from the same one built from ScalarAutograd.Value. The red box is the first wrong value:", caption, picture);
    }
}

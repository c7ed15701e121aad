namespace ScalarAutograd.Tests;

/// <summary>
/// NoGrad and DetectAnomalies scopes belong to the flow of execution that opened them: disposing one anywhere else
/// is an error, and never leaves a mode on or off where it should not be (issue 12, item 6; issue 22, item 14).
/// </summary>
public class ScopeTests
{
    private static bool RecordsGraphs() => !(new Value(1.0) * 2).IsLeaf;

    private static async Task<IDisposable> OpenInAnAwaitedHelper(Func<IDisposable> open)
    {
        await Task.Yield();
        return open(); // the scope's mode ends with this method's flow
    }

    [Fact]
    public async Task A_NoGrad_scope_from_an_awaited_helper_cannot_be_disposed_by_the_caller_and_breaks_nothing()
    {
        var scope = await OpenInAnAwaitedHelper(Value.NoGrad);
        Assert.True(RecordsGraphs()); // the helper's mode did not flow back here
        var error = Assert.Throws<InvalidOperationException>(scope.Dispose);
        Assert.Contains("where it was opened", error.Message);

        using (Value.NoGrad()) Assert.False(RecordsGraphs()); // no-grad still works here afterwards …
        Assert.True(RecordsGraphs());                           // … and ends with its scope
    }

    [Fact]
    public async Task An_anomaly_scope_from_an_awaited_helper_cannot_be_disposed_by_the_caller_and_detection_still_works()
    {
        var scope = await OpenInAnAwaitedHelper(Value.DetectAnomalies);
        Assert.Throws<InvalidOperationException>(scope.Dispose);
        using (Value.DetectAnomalies()) Assert.Throws<AnomalyException>(() => new Value(0.0).Log());
        Assert.True(double.IsNegativeInfinity(new Value(0.0).Log().Data)); // off again outside
    }

    [Fact]
    public async Task Disposing_a_scope_on_another_thread_is_an_error_and_the_opening_flow_can_still_close_it()
    {
        var scope = Value.NoGrad();
        var error = await Task.Run(() =>
        {
            using (ExecutionContext.SuppressFlow()) return Task.Run(() => Assert.Throws<InvalidOperationException>(scope.Dispose));
        });
        Assert.Contains("another thread", error.Message);
        Assert.False(RecordsGraphs()); // still no-grad here: the scope is still open
        scope.Dispose();
        Assert.True(RecordsGraphs());
    }

    [Fact]
    public async Task A_task_started_inside_a_scope_cannot_close_it_and_nothing_changes()
    {
        var scope = Value.NoGrad();
        var error = await Task.Run(() => Assert.Throws<InvalidOperationException>(scope.Dispose)); // README: "throws …
        Assert.Contains("another thread", error.Message);
        Assert.False(RecordsGraphs()); // … and changes nothing": still no-grad in the opening flow
        scope.Dispose();
        Assert.True(RecordsGraphs());
    }

    [Fact]
    public void A_thread_started_inside_a_scope_cannot_close_it_and_nothing_changes()
    {
        var scope = Value.DetectAnomalies();
        Exception? error = null;
        var thread = new Thread(() => error = Record.Exception(scope.Dispose));
        thread.Start();
        thread.Join();
        Assert.IsType<InvalidOperationException>(error);
        Assert.Throws<AnomalyException>(() => new Value(0.0).Log()); // still detecting here
        scope.Dispose();
        Assert.True(double.IsNegativeInfinity(new Value(0.0).Log().Data));
    }

    [Fact]
    public async Task A_scope_survives_awaiting_a_task_in_its_own_flow()
    {
        var scope = Value.NoGrad();
        await Task.Run(() => Assert.False(RecordsGraphs())); // the task inherits the mode …
        Assert.False(RecordsGraphs());
        scope.Dispose(); // … and the opener, resumed after it, closes the scope
        Assert.True(RecordsGraphs());

        await Task.Run(async () => // the same on the pool, with no synchronization context (a console program's flow)
        {
            var pooled = Value.NoGrad();
            await Task.Run(() => Thread.Sleep(10));
            await Task.Yield();
            pooled.Dispose();
            Assert.True(RecordsGraphs());
        });
    }

    [Fact]
    public void Disposing_an_outer_scope_before_an_inner_one_is_an_error_and_changes_nothing()
    {
        var outer = Value.NoGrad();
        var inner = Value.NoGrad();
        Assert.Throws<InvalidOperationException>(outer.Dispose);
        inner.Dispose();
        Assert.False(RecordsGraphs());
        outer.Dispose();
        Assert.True(RecordsGraphs());
        outer.Dispose(); // disposing twice closes once
        Assert.True(RecordsGraphs());
    }

    [Fact]
    public async Task A_scope_survives_an_await_in_its_own_flow()
    {
        using (Value.NoGrad())
        {
            await Task.Yield();
            Assert.False(RecordsGraphs());
        }
        Assert.True(RecordsGraphs());
    }
}

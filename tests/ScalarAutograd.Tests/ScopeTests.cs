namespace ScalarAutograd.Tests;

/// <summary>
/// NoGrad and DetectAnomalies scopes belong to the flow of execution that opened them: disposing one anywhere else
/// is an error, and never leaves a mode on or off where it should not be (issue 12, item 6).
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
    public async Task A_task_started_inside_a_scope_may_close_it_and_then_it_is_off_for_its_opener_too()
    {
        var scope = Value.NoGrad();
        await Task.Run(scope.Dispose); // the task's flow began inside the scope
        Assert.True(RecordsGraphs());  // not no-grad here …
        using (Value.DetectAnomalies()) Assert.True(RecordsGraphs()); // … not even latently, once another mode is on
        scope.Dispose();               // the opener's own using: closes nothing twice
        Assert.True(RecordsGraphs());
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

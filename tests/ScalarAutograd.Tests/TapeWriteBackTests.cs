using ScalarAutograd.Nn;

namespace ScalarAutograd.Tests;

/// <summary>
/// tape.WriteBack() writes numbers that belong together (one forward pass, and the grads of the backward pass on it)
/// and marks them as of that pass: a leaf edited since leaves the graph stale, never "consistent" (issue 22, item 1).
/// </summary>
public class TapeWriteBackTests
{
    [Fact]
    public void Write_back_after_editing_a_leaf_does_not_pass_off_the_old_numbers_as_current()
    {
        var x = new Value(2.0, "x");
        var y = x * x;
        var tape = y.Compile();
        tape.Forward();
        x.Data = 3;
        tape.WriteBack();
        Assert.NotEmpty(y.Inspect().StaleValues); // 4 is x = 2's square: the picture must say so
        y.Backward();
        Assert.Equal(9.0, y.Data);
        Assert.Equal(6.0, x.Grad);
    }

    [Fact]
    public void The_readme_training_loop_then_write_back_draws_an_honest_graph_and_backward_gives_the_fresh_grads()
    {
        var data = Dataset.Moons(20, 0.1, seed: 1);
        var model = new MLP(2, [4, 1], seed: 1);
        var scores = data.X.Select(x => model.Forward(x)[0]).ToArray();
        var loss = Loss.MeanSquaredError(scores, data.Y);
        var tape = loss.Compile(model.Parameters());
        var sgd = new Sgd(model.Parameters(), 0.05);
        for (var k = 0; k < 20; k++)
        {
            tape.Forward();
            sgd.ZeroGrad();
            tape.Backward();
            sgd.Step();
            tape.WriteBack();
        }
        Assert.NotEmpty(loss.Inspect().StaleValues); // drawn now, the loss is the one before the last step, and says so

        sgd.ZeroGrad();
        loss.Backward();
        var fresh = new MLP(2, [4, 1], seed: 1);
        foreach (var (p, q) in fresh.Parameters().Zip(model.Parameters())) p.Data = q.Data;
        var freshLoss = Loss.MeanSquaredError([.. data.X.Select(x => fresh.Forward(x)[0])], data.Y);
        freshLoss.Backward();
        Assert.Equal(freshLoss.Data, loss.Data, 1e-12);
        foreach (var (p, q) in fresh.Parameters().Zip(model.Parameters())) Assert.Equal(p.Grad, q.Grad, 1e-12);
        Assert.Empty(loss.Inspect().StaleValues);
    }

    [Fact]
    public void Forward_then_write_back_draws_the_current_numbers_with_no_grads_from_another_pass()
    {
        var (a, _, _, _, d, _, L) = Lecture.Graph();
        var tape = L.Compile();
        tape.Forward();
        tape.Backward();
        a.Data = 3;
        tape.Forward(); // the last Backward's grads belong to a = 2
        tape.WriteBack();
        Assert.Equal(-2.0, L.Data);
        Assert.Equal(0.0, d.Grad);
        Assert.Empty(L.Inspect().StaleValues);
    }

    [Fact]
    public void Write_back_before_any_forward_is_an_error_and_changes_nothing()
    {
        var (_, _, _, _, _, _, L) = Lecture.Graph();
        var tape = L.Compile();
        var error = Assert.Throws<InvalidOperationException>(tape.WriteBack);
        Assert.Contains("call tape.Forward() before tape.WriteBack()", error.Message);
        Assert.Equal(-8.0, L.Data);
    }
}

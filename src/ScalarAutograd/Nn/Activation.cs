namespace ScalarAutograd.Nn;

/// <summary>The non-linearity a neuron applies to Σ w·x + b.</summary>
public enum Activation
{
    /// <summary>No non-linearity: micrograd's output layer.</summary>
    Linear,

    /// <summary>max(0, x): micrograd's hidden layers.</summary>
    Relu,

    /// <summary>tanh(x): the lecture's choice, everywhere.</summary>
    Tanh,
}

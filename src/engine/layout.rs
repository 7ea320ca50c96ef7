//! The shape of a flat parameter vector: which slice is which tensor, and which tensors are
//! weights and which biases (Ultralytics decays and warms up the two groups differently).

use super::rng::StrideRng;

/// The parameter group of a tensor, as Ultralytics' `build_optimizer` sorts them (§1.4 of the
/// spec): biases get no weight decay and start warmup at `warmup_bias_lr`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Group {
    /// Weights of linear and convolution layers (with weight decay).
    Weight,
    /// Biases (no decay).
    Bias,
}

/// One named tensor inside the flat parameter vector.
#[derive(Clone, Debug, PartialEq)]
pub struct Tensor {
    /// Name, PyTorch style (`fc1.weight`).
    pub name: String,
    /// Shape, outermost first (`[out, in]` for a linear layer, `[out, in, k, k]` for a conv).
    pub shape: Vec<usize>,
    /// Where it starts in the flat vector.
    pub offset: usize,
    /// Its group.
    pub group: Group,
}

impl Tensor {
    /// Number of values.
    pub fn len(&self) -> usize {
        self.shape.iter().product()
    }

    /// True for a tensor with no values.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Its range in the flat vector.
    pub fn range(&self) -> std::ops::Range<usize> {
        self.offset..self.offset + self.len()
    }
}

/// The tensors of a model in the order they sit in the flat parameter vector.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Layout {
    /// The tensors.
    pub tensors: Vec<Tensor>,
}

impl Layout {
    /// Appends a tensor after the last one.
    pub fn push(&mut self, name: impl Into<String>, shape: &[usize], group: Group) {
        let offset = self.len();
        self.tensors.push(Tensor {
            name: name.into(),
            shape: shape.to_vec(),
            offset,
            group,
        });
    }

    /// Total number of parameters.
    pub fn len(&self) -> usize {
        self.tensors.last().map_or(0, |t| t.offset + t.len())
    }

    /// True when there are no parameters.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The ranges of the flat vector that belong to `group`.
    pub fn ranges(&self, group: Group) -> impl Iterator<Item = std::ops::Range<usize>> + '_ {
        self.tensors
            .iter()
            .filter(move |t| t.group == group)
            .map(Tensor::range)
    }

    /// PyTorch's default initialisation of `nn.Linear` and `nn.Conv2d` (kaiming_uniform with
    /// a = √5 for weights, and the matching bias rule): every value of a layer uniform in
    /// [−1/√fan_in, 1/√fan_in], with fan_in the inputs of one output unit.
    pub fn init_pytorch(&self, rng: &mut StrideRng) -> Vec<f32> {
        use rand::RngExt;
        let mut params = vec![0.0f32; self.len()];
        let mut fan_in = 1usize;
        for t in &self.tensors {
            if t.group == Group::Weight {
                fan_in = t.shape[1..].iter().product::<usize>().max(1);
            }
            let bound = 1.0 / (fan_in as f32).sqrt();
            for p in &mut params[t.range()] {
                *p = rng.random_range(-bound..bound);
            }
        }
        params
    }
}

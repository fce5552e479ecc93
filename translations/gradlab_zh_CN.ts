<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>ActivationsPage</name>
    <message>
        <source>derivatives (dashed)</source>
        <translation>导数（虚线）</translation>
    </message>
    <message>
        <source>Computing the curves…</source>
        <translation>正在计算曲线…</translation>
    </message>
    <message>
        <source>now</source>
        <translation>当前</translation>
    </message>
    <message>
        <source>Training loss on two spirals (dead ReLUs: %1 %)</source>
        <translation>双螺旋数据上的训练损失（死亡 ReLU：%1 %）</translation>
    </message>
    <message>
        <source>acc %1 %</source>
        <translation>准确率 %1 %</translation>
    </message>
    <message>
        <source>Gradient norm per layer</source>
        <translation>各层梯度范数</translation>
    </message>
    <message>
        <source>at initialisation</source>
        <translation>初始化时</translation>
    </message>
    <message>
        <source>now, after %1 steps</source>
        <translation>当前，第 %1 步之后</translation>
    </message>
    <message>
        <source>start</source>
        <translation>初始</translation>
    </message>
</context>
<context>
    <name>AttentionPage</name>
    <message>
        <source>Attention by hand</source>
        <translation>手算注意力</translation>
    </message>
    <message>
        <source>A transformer learns</source>
        <translation>Transformer 的训练</translation>
    </message>
    <message>
        <source>1. Scores q·k</source>
        <translation>1. 得分 q·k</translation>
    </message>
    <message>
        <source>2. Scaled by 1/√d_k</source>
        <translation>2. 按 1/√d_k 缩放</translation>
    </message>
    <message>
        <source>2. Not scaled</source>
        <translation>2. 未缩放</translation>
    </message>
    <message>
        <source>3. Weights: softmax</source>
        <translation>3. 权重：softmax</translation>
    </message>
    <message>
        <source>4. Weights × v</source>
        <translation>4. 权重 × v</translation>
    </message>
    <message>
        <source>How peaked is the softmax?</source>
        <translation>softmax 有多尖锐？</translation>
    </message>
    <message>
        <source>mean largest weight: %1</source>
        <translation>平均最大权重：%1</translation>
    </message>
    <message>
        <source>spread (std) of the scores: %1</source>
        <translation>得分的离散程度（标准差）：%1</translation>
    </message>
    <message>
        <source>Raise d_k with the scaling switched off: the scores spread out, the softmax turns almost one-hot and its gradient vanishes.</source>
        <translation>关闭缩放后增大 d_k：得分更加分散，softmax 几乎变成 one-hot，其梯度随之消失。</translation>
    </message>
    <message>
        <source>Loss and accuracy</source>
        <translation>损失与准确率</translation>
    </message>
    <message>
        <source>loss</source>
        <translation>损失</translation>
    </message>
    <message>
        <source>token accuracy</source>
        <translation>词元准确率</translation>
    </message>
    <message>
        <source>whole sequences right</source>
        <translation>整序列准确率</translation>
    </message>
    <message>
        <source>attention on the mirrored token</source>
        <translation>对镜像词元的注意力</translation>
    </message>
    <message>
        <source>Position vectors (rows = positions)</source>
        <translation>位置向量（行 = 位置）</translation>
    </message>
    <message>
        <source>input</source>
        <translation>输入</translation>
    </message>
    <message>
        <source>target</source>
        <translation>目标</translation>
    </message>
    <message>
        <source>prediction</source>
        <translation>预测</translation>
    </message>
    <message>
        <source>L%1 · head %2</source>
        <translation>层 %1 · 头 %2</translation>
    </message>
    <message>
        <source>Layer %1, head %2</source>
        <translation>第 %1 层，第 %2 头</translation>
    </message>
    <message>
        <source>Press Play</source>
        <translation>请按“开始”</translation>
    </message>
</context>
<context>
    <name>ChartCard</name>
    <message>
        <source>Export this chart</source>
        <translation>导出此图表</translation>
    </message>
    <message>
        <source>Export as PNG…</source>
        <translation>导出为 PNG…</translation>
    </message>
    <message>
        <source>Export as SVG…</source>
        <translation>导出为 SVG…</translation>
    </message>
    <message>
        <source>Export data as CSV…</source>
        <translation>将数据导出为 CSV…</translation>
    </message>
    <message>
        <source>Export %1</source>
        <translation>导出 %1</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV 文件 (*.csv)</translation>
    </message>
    <message>
        <source>SVG images (*.svg)</source>
        <translation>SVG 图像 (*.svg)</translation>
    </message>
    <message>
        <source>PNG images (*.png)</source>
        <translation>PNG 图像 (*.png)</translation>
    </message>
    <message>
        <source>Exported %1</source>
        <translation>已导出 %1</translation>
    </message>
    <message>
        <source>Show all</source>
        <translation>显示全部</translation>
    </message>
    <message>
        <source>Zoomed in: show the whole chart again (or double-click it)</source>
        <translation>已放大：重新显示整个图表（或双击图表）</translation>
    </message>
</context>
<context>
    <name>CnnPage</name>
    <message>
        <source>Filters by hand</source>
        <translation>手工滤波器</translation>
    </message>
    <message>
        <source>LeNet-5 learns</source>
        <translation>LeNet-5 的训练</translation>
    </message>
    <message>
        <source>horizontal edges</source>
        <translation>水平边缘</translation>
    </message>
    <message>
        <source>vertical edges</source>
        <translation>垂直边缘</translation>
    </message>
    <message>
        <source>blur</source>
        <translation>模糊</translation>
    </message>
    <message>
        <source>sharpen</source>
        <translation>锐化</translation>
    </message>
    <message>
        <source>Loss</source>
        <translation>损失</translation>
    </message>
    <message>
        <source>training batch</source>
        <translation>训练批次</translation>
    </message>
    <message>
        <source>validation</source>
        <translation>验证集</translation>
    </message>
    <message>
        <source>Accuracy</source>
        <translation>准确率</translation>
    </message>
    <message>
        <source>test</source>
        <translation>测试集</translation>
    </message>
    <message>
        <source>Input and prediction</source>
        <translation>输入与预测</translation>
    </message>
    <message>
        <source>Conv 1 maps</source>
        <translation>conv 1 特征图</translation>
    </message>
    <message>
        <source>Conv 2 maps</source>
        <translation>conv 2 特征图</translation>
    </message>
    <message>
        <source>Appears at the end of the first epoch.</source>
        <translation>第一个轮次结束时显示。</translation>
    </message>
</context>
<context>
    <name>CompareDialog</name>
    <message>
        <source>Compare pictures</source>
        <translation>比较图像</translation>
    </message>
    <message>
        <source>Picture</source>
        <translation>图像</translation>
    </message>
    <message>
        <source>against</source>
        <translation>对比</translation>
    </message>
    <message>
        <source>This lesson has drawn no pictures yet.</source>
        <translation>本课尚未绘制任何图像。</translation>
    </message>
    <message>
        <source>There is no other run yet: branch, reset or repeat with seeds first.</source>
        <translation>还没有其他运行：请先分支、重置或用多个种子重复。</translation>
    </message>
    <message>
        <source>This run has no such picture.</source>
        <translation>此运行没有这幅图像。</translation>
    </message>
    <message>
        <source>Pictures are not kept when the lab closes: this run has none.</source>
        <translation>关闭实验室时不会保留图像：此运行没有图像。</translation>
    </message>
</context>
<context>
    <name>DeepPage</name>
    <message>
        <source>plain</source>
        <translation>普通</translation>
    </message>
    <message>
        <source>residual</source>
        <translation>残差</translation>
    </message>
    <message>
        <source>Plain against residual</source>
        <translation>普通与残差</translation>
    </message>
    <message>
        <source>Learning rate</source>
        <translation>学习率</translation>
    </message>
    <message>
        <source>Training loss, %1 blocks each</source>
        <translation>训练损失，各 %1 块</translation>
    </message>
    <message>
        <source>block</source>
        <translation>块</translation>
    </message>
    <message>
        <source>The learning rate over the run (%1)</source>
        <translation>整个运行中的学习率（%1）</translation>
    </message>
    <message>
        <source>now: %1</source>
        <translation>当前：%1</translation>
    </message>
    <message>
        <source>ahead</source>
        <translation>预计</translation>
    </message>
    <message>
        <source>used</source>
        <translation>已使用</translation>
    </message>
    <message>
        <source>Training loss</source>
        <translation>训练损失</translation>
    </message>
    <message>
        <source>LR range test: loss against the learning rate</source>
        <translation>LR 范围测试：损失随学习率的变化</translation>
    </message>
    <message>
        <source>Not run yet: the test trains a copy of the residual net, the run is not changed</source>
        <translation>尚未运行：测试训练的是残差网络的副本，不改变本次运行</translation>
    </message>
    <message>
        <source>Run the test</source>
        <translation>运行测试</translation>
    </message>
    <message>
        <source>Use it</source>
        <translation>采用</translation>
    </message>
    <message>
        <source>Sets the learning rate to the suggestion</source>
        <translation>把学习率设为建议值</translation>
    </message>
    <message>
        <source>Press “Run the test”</source>
        <translation>请按“运行测试”</translation>
    </message>
    <message>
        <source>loss</source>
        <translation>损失</translation>
    </message>
    <message>
        <source>smoothed</source>
        <translation>平滑</translation>
    </message>
    <message>
        <source>log10 ‖∂L/∂W‖, block 1 on top</source>
        <translation>log10 ‖∂L/∂W‖，第 1 块在顶部</translation>
    </message>
    <message>
        <source>last / first block: %1×</source>
        <translation>最后 / 第一块：%1×</translation>
    </message>
    <message>
        <source>Accuracy</source>
        <translation>准确率</translation>
    </message>
    <message>
        <source>validation, every 100 steps</source>
        <translation>验证，每 100 步</translation>
    </message>
    <message>
        <source>Gradients, plain</source>
        <translation>梯度，普通</translation>
    </message>
    <message>
        <source>Gradients, residual</source>
        <translation>梯度，残差</translation>
    </message>
    <message>
        <source>Spread of the blocks&apos; outputs</source>
        <translation>各块输出的离散度</translation>
    </message>
    <message>
        <source>std of each block&apos;s output, now</source>
        <translation>每块输出的标准差，当前</translation>
    </message>
    <message>
        <source>suggested learning rate: %1 (halfway along the longest fall of the smoothed loss)</source>
        <translation>建议学习率：%1（平滑损失最长下降段的中点）</translation>
    </message>
</context>
<context>
    <name>FileDialog</name>
    <message>
        <source>File name</source>
        <translation>文件名</translation>
    </message>
    <message>
        <source>Filter</source>
        <translation>筛选器</translation>
    </message>
</context>
<context>
    <name>GeneralizationPage</name>
    <message>
        <source>Decision boundary (2-D)</source>
        <translation>决策边界（2-D）</translation>
    </message>
    <message>
        <source>Images</source>
        <translation>图像</translation>
    </message>
    <message>
        <source>Prediction</source>
        <translation>预测</translation>
    </message>
    <message>
        <source>click adds class %1</source>
        <translation>点击添加类别 %1</translation>
    </message>
    <message>
        <source>Press Step</source>
        <translation>请按“单步”</translation>
    </message>
    <message>
        <source>training</source>
        <translation>训练</translation>
    </message>
    <message>
        <source>validation</source>
        <translation>验证集</translation>
    </message>
    <message>
        <source>epoch %1 of %2</source>
        <translation>第 %1 轮，共 %2 轮</translation>
    </message>
    <message>
        <source>Accuracy</source>
        <translation>准确率</translation>
    </message>
    <message>
        <source>Size of each layer&apos;s weights ‖W‖</source>
        <translation>每层权重的大小 ‖W‖</translation>
    </message>
    <message>
        <source>no augmentation: always the same</source>
        <translation>无数据增强：始终相同</translation>
    </message>
    <message>
        <source>first the picture, then 7 random variants (%1)</source>
        <translation>先是原图，然后是 7 个随机变体（%1）</translation>
    </message>
    <message>
        <source>training %1 · validation %2 (gap %3)</source>
        <translation>训练 %1 · 验证 %2（差距 %3）</translation>
    </message>
    <message>
        <source>Loss</source>
        <translation>损失</translation>
    </message>
    <message>
        <source>%1 training points, %2 validation points</source>
        <translation>%1 个训练点，%2 个验证点</translation>
    </message>
    <message>
        <source>Loss after each epoch</source>
        <translation>每轮之后的损失</translation>
    </message>
    <message>
        <source>%1 training pictures, 2000 validation pictures</source>
        <translation>%1 张训练图像，2000 张验证图像</translation>
    </message>
    <message>
        <source>Left click adds a training point of this class (Shift+click: the other class).
Right click removes the nearest one.
Keys: Tab to the picture, the arrows move, Enter adds, Delete removes.</source>
        <translation>左键点击添加一个该类别的训练点（Shift+点击：另一类别）。
右键点击删除最近的一个。
键盘：按 Tab 移到图上，方向键移动，Enter 添加，Delete 删除。</translation>
    </message>
</context>
<context>
    <name>GptPage</name>
    <message>
        <source>Learning to write</source>
        <translation>学习写作</translation>
    </message>
    <message>
        <source>Inside the model</source>
        <translation>模型内部</translation>
    </message>
    <message>
        <source>Loss, bits per character</source>
        <translation>损失，每字符比特</translation>
    </message>
    <message>
        <source>Loss, nats per character</source>
        <translation>损失，每字符奈特</translation>
    </message>
    <message>
        <source>%1 parameters · %2 characters/s</source>
        <translation>%1 个参数 · 每秒 %2 个字符</translation>
    </message>
    <message>
        <source>bits</source>
        <translation>比特</translation>
    </message>
    <message>
        <source>nats</source>
        <translation>奈特</translation>
    </message>
    <message>
        <source>Switch between nats (natural log) and bits (log base 2) per character</source>
        <translation>在每字符奈特（自然对数）和比特（以 2 为底的对数）之间切换</translation>
    </message>
    <message>
        <source>training</source>
        <translation>训练</translation>
    </message>
    <message>
        <source>validation</source>
        <translation>验证集</translation>
    </message>
    <message>
        <source>Samples written during training</source>
        <translation>训练中写出的样本</translation>
    </message>
    <message>
        <source>step %1</source>
        <translation>第 %1 步</translation>
    </message>
    <message>
        <source>No sample yet</source>
        <translation>还没有样本</translation>
    </message>
    <message>
        <source>Next character</source>
        <translation>下一个字符</translation>
    </message>
    <message>
        <source>after the prompt, as it would be drawn</source>
        <translation>提示之后，按抽样时的概率</translation>
    </message>
    <message>
        <source>Attention of layer</source>
        <translation>注意力：第几层</translation>
    </message>
    <message>
        <source>Each row is a character looking back; the columns are the characters it looks at. Above the diagonal stays empty: the causal mask.</source>
        <translation>每一行是一个向前回看的字符，列是它所关注的字符。对角线以上保持为空：这就是因果掩码。</translation>
    </message>
    <message>
        <source>Head %1</source>
        <translation>注意力头 %1</translation>
    </message>
    <message>
        <source>The characters&apos; embeddings, seen from their two main directions (PCA)</source>
        <translation>字符的嵌入向量，从两个主方向看（PCA）</translation>
    </message>
    <message>
        <source>No embeddings yet</source>
        <translation>还没有嵌入向量</translation>
    </message>
    <message>
        <source>lower case, UPPER CASE, digits, other characters</source>
        <translation>小写字母、大写字母、数字、其他字符</translation>
    </message>
    <message>
        <source>Writing now</source>
        <translation>正在写</translation>
    </message>
    <message>
        <source>after the prompt in bold · temperature %1</source>
        <translation>接在粗体提示之后 · 温度 %1</translation>
    </message>
</context>
<context>
    <name>InitPage</name>
    <message>
        <source>Weights of a %1 × %2 layer: measured histogram and the scheme&apos;s density</source>
        <translation>%1 × %2 层的权重：实测直方图与该方案的密度</translation>
    </message>
    <message>
        <source>Press Step</source>
        <translation>请按“单步”</translation>
    </message>
    <message>
        <source>fraction</source>
        <translation>比例</translation>
    </message>
    <message>
        <source>σ %1 (theory %2)</source>
        <translation>σ %1（理论值 %2）</translation>
    </message>
    <message>
        <source>Spread of the activations</source>
        <translation>激活值的离散程度</translation>
    </message>
    <message>
        <source>per layer, through %1</source>
        <translation>各层，经过 %1</translation>
    </message>
    <message>
        <source>Units that barely pass a gradient</source>
        <translation>几乎不传递梯度的单元</translation>
    </message>
    <message>
        <source>per layer, |f′| &lt; %1</source>
        <translation>各层，|f′| &lt; %1</translation>
    </message>
    <message>
        <source>measured</source>
        <translation>实测</translation>
    </message>
    <message>
        <source>theory</source>
        <translation>理论值</translation>
    </message>
</context>
<context>
    <name>Main</name>
    <message>
        <source>Gradient Lab</source>
        <translation>Gradient Lab</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Save checkpoint…</source>
        <translation>保存检查点(&amp;S)…</translation>
    </message>
    <message>
        <source>&amp;Load checkpoint…</source>
        <translation>加载检查点(&amp;L)…</translation>
    </message>
    <message>
        <source>&amp;Export all charts…</source>
        <translation>导出所有图表(&amp;E)…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;Run</source>
        <translation>运行(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Pause</source>
        <translation>暂停(&amp;P)</translation>
    </message>
    <message>
        <source>&amp;Play</source>
        <translation>开始(&amp;P)</translation>
    </message>
    <message>
        <source>&amp;Step</source>
        <translation>单步(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Reset</source>
        <translation>重置(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Dark mode</source>
        <translation>深色模式(&amp;D)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;Keyboard shortcuts</source>
        <translation>键盘快捷键(&amp;K)</translation>
    </message>
    <message>
        <source>&amp;About Gradient Lab</source>
        <translation>关于 Gradient Lab(&amp;A)</translation>
    </message>
    <message>
        <source>Save checkpoint</source>
        <translation>保存检查点</translation>
    </message>
    <message>
        <source>Gradient Lab checkpoints (*.safetensors)</source>
        <translation>Gradient Lab 检查点 (*.safetensors)</translation>
    </message>
    <message>
        <source>Load checkpoint</source>
        <translation>加载检查点</translation>
    </message>
    <message>
        <source>All files (*)</source>
        <translation>所有文件 (*)</translation>
    </message>
    <message>
        <source>Something went wrong</source>
        <translation>出错了</translation>
    </message>
    <message>
        <source>About Gradient Lab</source>
        <translation>关于 Gradient Lab</translation>
    </message>
    <message>
        <source>Gradient Lab lets you watch neural networks learn, on an engine of its own: tensors, autograd and optimizers that follow PyTorch, so every number can be checked against it.</source>
        <translation>Gradient Lab 让你观察神经网络如何学习，它运行在自己的引擎上：张量、自动求导和优化器都与 PyTorch 保持一致，因此每个数值都可以与之核对。</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>语言(&amp;L)</translation>
    </message>
    <message>
        <source>System default</source>
        <translation>跟随系统</translation>
    </message>
    <message>
        <source>Load</source>
        <translation>加载</translation>
    </message>
    <message>
        <source>Export every chart of this lesson into a new folder</source>
        <translation>将本课的所有图表导出到新文件夹</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <source>Exported %1 files into %2</source>
        <translation>已将 %1 个文件导出到 %2</translation>
    </message>
    <message>
        <source>Version %1</source>
        <translation>版本 %1</translation>
    </message>
    <message>
        <source>&amp;Go back to an earlier step…</source>
        <translation>返回之前的某一步(&amp;G)…</translation>
    </message>
    <message>
        <source>&amp;Hide the earlier runs</source>
        <translation>隐藏先前的运行(&amp;H)</translation>
    </message>
    <message>
        <source>Show the r&amp;uns</source>
        <translation>显示运行(&amp;U)</translation>
    </message>
    <message>
        <source>Parameters</source>
        <translation>参数</translation>
    </message>
    <message>
        <source>Runs (%1)</source>
        <translation>运行 (%1)</translation>
    </message>
    <message>
        <source>&amp;Zoom</source>
        <translation>缩放(&amp;Z)</translation>
    </message>
    <message>
        <source>%1 %</source>
        <translation>%1%</translation>
    </message>
    <message>
        <source>Zoom</source>
        <translation>缩放</translation>
    </message>
    <message>
        <source>The lab closes and opens again at %1 %. Every lesson&apos;s run is kept and goes on where it is.</source>
        <translation>Gradient Lab 将关闭并以 %1% 重新打开。每节课的运行都会保留，并从当前位置继续。</translation>
    </message>
    <message>
        <source>The lab closes and opens again at %1 %. It keeps no runs (another Gradient Lab is open and keeps them), so this one&apos;s runs are lost.</source>
        <translation>Gradient Lab 将关闭并以 %1% 重新打开。它不保存任何运行（另一个 Gradient Lab 已经打开并保存着运行），所以这个窗口的运行会丢失。</translation>
    </message>
    <message>
        <source>Restart now</source>
        <translation>立即重新启动</translation>
    </message>
    <message>
        <source>&amp;Full screen</source>
        <translation>全屏(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Lessons and text</source>
        <translation>课程和说明(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Parameters and runs</source>
        <translation>参数和运行(&amp;P)</translation>
    </message>
</context>
<context>
    <name>OptimizersPage</name>
    <message>
        <source>Click the map to start the race there.</source>
        <translation>点击地图，从该处开始竞赛。</translation>
    </message>
    <message>
        <source>Show or hide %1 (its loss now)</source>
        <translation>显示或隐藏 %1（当前损失）</translation>
    </message>
    <message>
        <source>Loss (distance to the minimum) per step</source>
        <translation>每步的损失（与最小值之差）</translation>
    </message>
    <message>
        <source>Rosenbrock valley</source>
        <translation>Rosenbrock 山谷</translation>
    </message>
    <message>
        <source>Beale surface</source>
        <translation>Beale 曲面</translation>
    </message>
    <message>
        <source>Himmelblau surface (four minima)</source>
        <translation>Himmelblau 曲面（四个极小值）</translation>
    </message>
    <message>
        <source>ill-conditioned bowl</source>
        <translation>病态碗形面</translation>
    </message>
    <message>
        <source>saddle</source>
        <translation>鞍面</translation>
    </message>
    <message>
        <source>The race on the %1</source>
        <translation>%1上的竞赛</translation>
    </message>
</context>
<context>
    <name>ParamDelegate</name>
    <message>
        <source>Takes effect after a reset.</source>
        <translation>重置后生效。</translation>
    </message>
    <message>
        <source>reset to apply</source>
        <translation>需重置</translation>
    </message>
    <message>
        <source>on reset</source>
        <translation>重置时生效</translation>
    </message>
    <message>
        <source>on</source>
        <translation>开</translation>
    </message>
    <message>
        <source>off</source>
        <translation>关</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>选择…</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <source>Back to the data set&apos;s images</source>
        <translation>改回数据集中的图像</translation>
    </message>
    <message>
        <source>Images (*.png *.jpg *.jpeg)</source>
        <translation>图像 (*.png *.jpg *.jpeg)</translation>
    </message>
    <message>
        <source>All files (*)</source>
        <translation>所有文件 (*)</translation>
    </message>
    <message>
        <source>type here</source>
        <translation>在此输入</translation>
    </message>
    <message>
        <source>Back to the built-in texts</source>
        <translation>回到内置文本</translation>
    </message>
    <message>
        <source>Text files (*.txt *.md)</source>
        <translation>文本文件 (*.txt *.md)</translation>
    </message>
</context>
<context>
    <name>ParamPanel</name>
    <message>
        <source>Reset to apply</source>
        <translation>重置以应用</translation>
    </message>
    <message>
        <source>Some changes only take effect in a fresh run (R).</source>
        <translation>部分更改需重新运行才生效（R）。</translation>
    </message>
    <message>
        <source>Some changes wait for a reset.</source>
        <translation>部分更改需重置后生效。</translation>
    </message>
</context>
<context>
    <name>PredictionBars</name>
    <message>
        <source>No prediction yet</source>
        <translation>暂无预测</translation>
    </message>
</context>
<context>
    <name>RnnPage</name>
    <message>
        <source>RNN</source>
        <translation>RNN</translation>
    </message>
    <message>
        <source>LSTM</source>
        <translation>LSTM</translation>
    </message>
    <message>
        <source>GRU</source>
        <translation>GRU</translation>
    </message>
    <message>
        <source>hidden state h_t</source>
        <translation>隐藏状态 h_t</translation>
    </message>
    <message>
        <source>input gate i_t</source>
        <translation>输入门 i_t</translation>
    </message>
    <message>
        <source>forget gate f_t</source>
        <translation>遗忘门 f_t</translation>
    </message>
    <message>
        <source>output gate o_t</source>
        <translation>输出门 o_t</translation>
    </message>
    <message>
        <source>cell state c_t</source>
        <translation>细胞状态 c_t</translation>
    </message>
    <message>
        <source>reset gate r_t</source>
        <translation>重置门 r_t</translation>
    </message>
    <message>
        <source>update gate z_t</source>
        <translation>更新门 z_t</translation>
    </message>
    <message>
        <source>The race</source>
        <translation>比赛</translation>
    </message>
    <message>
        <source>Inside the cells</source>
        <translation>单元内部</translation>
    </message>
    <message>
        <source>Test accuracy (chance: 12.5 %)</source>
        <translation>测试准确率（随机：12.5 %）</translation>
    </message>
    <message>
        <source>Test accuracy (|error| &lt; 0.04)</source>
        <translation>测试准确率（|误差| &lt; 0.04）</translation>
    </message>
    <message>
        <source>Test accuracy (|error| &lt; 0.1)</source>
        <translation>测试准确率（|误差| &lt; 0.1）</translation>
    </message>
    <message>
        <source>Training loss</source>
        <translation>训练损失</translation>
    </message>
    <message>
        <source>‖∂L/∂h_t‖ now: how far back the loss reaches</source>
        <translation>当前 ‖∂L/∂h_t‖：损失能追溯多远</translation>
    </message>
    <message>
        <source>%1: log₁₀ ‖∂L/∂h_t‖ over training</source>
        <translation>%1：训练中的 log₁₀ ‖∂L/∂h_t‖</translation>
    </message>
    <message>
        <source>The example: each cell&apos;s probability for the first symbol, if asked at step t</source>
        <translation>示例：若在第 t 步提问，每个单元给第一个符号的概率</translation>
    </message>
    <message>
        <source>The example: marked numbers, the sum, and each cell&apos;s answer at step t</source>
        <translation>示例：被标记的数、它们的和，以及每个单元在第 t 步的回答</translation>
    </message>
    <message>
        <source>The example: the wave and each cell&apos;s prediction of its next value</source>
        <translation>示例：波形及每个单元对其下一个值的预测</translation>
    </message>
    <message>
        <source>input</source>
        <translation>输入</translation>
    </message>
    <message>
        <source>target</source>
        <translation>目标</translation>
    </message>
    <message>
        <source>Look inside:</source>
        <translation>查看内部：</translation>
    </message>
    <message>
        <source>16 of the cell&apos;s units (rows) along the example sequence (columns)</source>
        <translation>该单元的 16 个单元（行）沿示例序列（列）的变化</translation>
    </message>
</context>
<context>
    <name>RunsPanel</name>
    <message>
        <source>Draw this group&apos;s mean and range on the charts</source>
        <translation>在图表中绘制该组的均值和范围</translation>
    </message>
    <message>
        <source>Draw this run faded on the charts</source>
        <translation>在图表中淡色绘制此运行</translation>
    </message>
    <message>
        <source>Name of the run</source>
        <translation>运行名称</translation>
    </message>
    <message>
        <source>seed %1</source>
        <translation>种子 %1</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>导出…</translation>
    </message>
    <message>
        <source>A folder with the files gradlab-cli writes and the run&apos;s changes (gradlab-cli replay runs it again)</source>
        <translation>一个文件夹，含 gradlab-cli 写出的文件和此运行的更改记录（gradlab-cli replay 可重新运行）</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Number of seeds</source>
        <translation>种子数量</translation>
    </message>
    <message>
        <source>Repeat with %1 seeds</source>
        <translation>用 %1 个种子重复</translation>
    </message>
    <message>
        <source>This run again up to its step with other seeds, side by side on idle cores: the charts show their mean and range</source>
        <translation>用其他种子把此运行重跑到当前步，在空闲核心上并行：图表显示均值和范围</translation>
    </message>
    <message>
        <source>Compare pictures…</source>
        <translation>比较图像…</translation>
    </message>
    <message>
        <source>The pictures of two runs side by side</source>
        <translation>并排显示两个运行的图像</translation>
    </message>
    <message>
        <source>Load a run…</source>
        <translation>加载运行…</translation>
    </message>
    <message>
        <source>Run again what an exported run (its summary.json) or a checkpoint recorded</source>
        <translation>重新运行导出的运行（其 summary.json）或检查点所记录的内容</translation>
    </message>
    <message>
        <source>Export the run into a new folder</source>
        <translation>将运行导出到新文件夹</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <source>Exported the run into %1</source>
        <translation>已将运行导出到 %1</translation>
    </message>
    <message>
        <source>Load a run</source>
        <translation>加载运行</translation>
    </message>
    <message>
        <source>Load</source>
        <translation>加载</translation>
    </message>
    <message>
        <source>Exported runs (summary.json)</source>
        <translation>导出的运行 (summary.json)</translation>
    </message>
    <message>
        <source>Gradient Lab checkpoints (*.safetensors)</source>
        <translation>Gradient Lab 检查点 (*.safetensors)</translation>
    </message>
    <message>
        <source>All files (*)</source>
        <translation>所有文件 (*)</translation>
    </message>
    <message>
        <source>Seeds</source>
        <translation>种子</translation>
    </message>
</context>
<context>
    <name>SaveAsDialog</name>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
</context>
<context>
    <name>ShortcutsDialog</name>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>键盘快捷键</translation>
    </message>
    <message>
        <source>Play / pause</source>
        <translation>开始 / 暂停</translation>
    </message>
    <message>
        <source>One step</source>
        <translation>执行一步</translation>
    </message>
    <message>
        <source>Reset (a fresh run)</source>
        <translation>重置（重新运行）</translation>
    </message>
    <message>
        <source>Save a checkpoint</source>
        <translation>保存检查点</translation>
    </message>
    <message>
        <source>Load a checkpoint</source>
        <translation>加载检查点</translation>
    </message>
    <message>
        <source>Export every chart (PNG + CSV) to a folder</source>
        <translation>将所有图表（PNG + CSV）导出到文件夹</translation>
    </message>
    <message>
        <source>Open lesson 1…9</source>
        <translation>打开第 1…9 课</translation>
    </message>
    <message>
        <source>Dark / light mode</source>
        <translation>深色 / 浅色模式</translation>
    </message>
    <message>
        <source>This overview</source>
        <translation>本概览</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>退出</translation>
    </message>
    <message>
        <source>Open lesson 10</source>
        <translation>打开第 10 课</translation>
    </message>
    <message>
        <source>In the lesson&apos;s text: from link to link (Enter: to its parameter)</source>
        <translation>在课程正文中：在链接间跳转（Enter：转到对应参数）</translation>
    </message>
    <message>
        <source>The keyboard to the next part of the window</source>
        <translation>键盘焦点移到窗口的下一部分</translation>
    </message>
    <message>
        <source>The keyboard to the part before</source>
        <translation>键盘焦点移到上一部分</translation>
    </message>
    <message>
        <source>Full screen / window</source>
        <translation>全屏 / 窗口</translation>
    </message>
    <message>
        <source>On the page: to a chart, whose values the arrow keys then read</source>
        <translation>在页面上：移到一个图表，再用方向键读出它的数值</translation>
    </message>
    <message>
        <source>On a line chart: zoom in (or drag across it) / show all of it (or double-click)</source>
        <translation>在折线图上：放大（或在图上拖动）/ 显示全部（或双击）</translation>
    </message>
</context>
<context>
    <name>StatusLine</name>
    <message>
        <source>Step %1</source>
        <translation>第 %1 步</translation>
    </message>
    <message>
        <source>How fast the network trains on this computer. Larger settings (more layers or units, longer sequences, bigger batches) make every step slower; the window stays usable meanwhile, and a change you make is taken at the next step.</source>
        <translation>网络在这台电脑上训练的速度。更大的设置（更多层或单元、更长的序列、更大的批量）会让每一步变慢；窗口在此期间照常可用，你的改动会在下一步生效。</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
</context>
<context>
    <name>TransportBar</name>
    <message>
        <source>Gradient Lab</source>
        <translation>Gradient Lab</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>暂停</translation>
    </message>
    <message>
        <source>Play</source>
        <translation>开始</translation>
    </message>
    <message>
        <source>Start or pause training (Space)</source>
        <translation>开始或暂停训练（空格键）</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>单步</translation>
    </message>
    <message>
        <source>One step (Right arrow)</source>
        <translation>执行一步（右方向键）</translation>
    </message>
    <message>
        <source>Steps to run</source>
        <translation>运行步数</translation>
    </message>
    <message>
        <source>How many steps “Run N” takes</source>
        <translation>“运行 N”执行的步数</translation>
    </message>
    <message>
        <source>Reset</source>
        <translation>重置</translation>
    </message>
    <message>
        <source>A fresh run with the current parameters (R)</source>
        <translation>用当前参数重新运行（R）</translation>
    </message>
    <message>
        <source>Speed</source>
        <translation>速度</translation>
    </message>
    <message>
        <source>max</source>
        <translation>最快</translation>
    </message>
    <message>
        <source>%1/s</source>
        <translation>%1/秒</translation>
    </message>
    <message>
        <source>Seed</source>
        <translation>种子</translation>
    </message>
    <message>
        <source>Random seed</source>
        <translation>随机种子</translation>
    </message>
    <message>
        <source>The same seed gives the same run</source>
        <translation>相同的种子得到相同的运行</translation>
    </message>
    <message>
        <source>Device</source>
        <translation>设备</translation>
    </message>
    <message>
        <source>Go back…</source>
        <translation>返回…</translation>
    </message>
    <message>
        <source>Back to an earlier step, to try something else from there</source>
        <translation>回到之前的某一步，从那里尝试别的设置</translation>
    </message>
    <message>
        <source>Go back to step %1 and carry on from there: change a parameter and press Play. The run so far stays on the line charts, faded.</source>
        <translation>回到第 %1 步并从那里继续：修改一个参数，然后按“开始”。到目前为止的运行会以淡色保留在折线图中。</translation>
    </message>
    <message>
        <source>Step to go back to</source>
        <translation>要返回的步数</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Go back to step %1</source>
        <translation>返回第 %1 步</translation>
    </message>
    <message>
        <source>Hide earlier runs</source>
        <translation>隐藏先前的运行</translation>
    </message>
    <message>
        <source>The faded lines of the runs you went back from (the Runs tab shows them again)</source>
        <translation>你回退之前那些运行的淡色曲线（“运行”标签页可重新显示）</translation>
    </message>
    <message>
        <source>Run %1</source>
        <comment>the button: run this many steps</comment>
        <translation>运行 %1</translation>
    </message>
</context>
<context>
    <name>VitPage</name>
    <message>
        <source>Image → patches</source>
        <translation>图像 → 图块</translation>
    </message>
    <message>
        <source>Training and attention</source>
        <translation>训练与注意力</translation>
    </message>
    <message>
        <source>The picture cut into %1 × %1 patches</source>
        <translation>图像切分为 %1 × %1 个图块</translation>
    </message>
    <message>
        <source>…read as a sequence of %1 tokens (after the CLS token)</source>
        <translation>…读作 %1 个词元的序列（位于 CLS 词元之后）</translation>
    </message>
    <message>
        <source>The CLS token: a learned vector of 64 numbers put before the patches (it starts at zero)</source>
        <translation>CLS 词元：置于图块之前、可学习的 64 维向量（初始为零）</translation>
    </message>
    <message>
        <source>Learned positions: how alike each patch&apos;s position vector is to the others&apos;</source>
        <translation>学到的位置：每个图块的位置向量与其他图块的相似程度</translation>
    </message>
    <message>
        <source>Loss</source>
        <translation>损失</translation>
    </message>
    <message>
        <source>Accuracy</source>
        <translation>准确率</translation>
    </message>
    <message>
        <source>training loss</source>
        <translation>训练损失</translation>
    </message>
    <message>
        <source>validation loss</source>
        <translation>验证损失</translation>
    </message>
    <message>
        <source>validation accuracy</source>
        <translation>验证准确率</translation>
    </message>
    <message>
        <source>test accuracy</source>
        <translation>测试准确率</translation>
    </message>
    <message>
        <source>CLS attention</source>
        <translation>CLS 注意力</translation>
    </message>
    <message>
        <source>Each head (last layer)</source>
        <translation>各头（最后一层）</translation>
    </message>
    <message>
        <source>head %1</source>
        <translation>头 %1</translation>
    </message>
    <message>
        <source>Appears with the first pass over the validation images.</source>
        <translation>在第一次遍历验证集图像后显示。</translation>
    </message>
</context>
<context>
    <name>activations</name>
    <message>
        <source>x range</source>
        <translation>x 范围</translation>
    </message>
    <message>
        <source>The curves are drawn from -range to +range.</source>
        <translation>曲线的绘制区间为 [-范围, +范围]。</translation>
    </message>
    <message>
        <source>Curves</source>
        <translation>曲线</translation>
    </message>
    <message>
        <source>points</source>
        <translation>点数</translation>
    </message>
    <message>
        <source>How many x values the curves are sampled at.</source>
        <translation>曲线采样的 x 值个数。</translation>
    </message>
    <message>
        <source>leaky ReLU slope</source>
        <translation>leaky ReLU 斜率</translation>
    </message>
    <message>
        <source>Slope of leaky ReLU for negative inputs.</source>
        <translation>leaky ReLU 在负输入上的斜率。</translation>
    </message>
    <message>
        <source>Shapes</source>
        <translation>形状</translation>
    </message>
    <message>
        <source>ELU alpha</source>
        <translation>ELU alpha</translation>
    </message>
    <message>
        <source>ELU approaches -alpha for very negative inputs.</source>
        <translation>输入很负时，ELU 趋近于 -alpha。</translation>
    </message>
    <message>
        <source>softplus beta</source>
        <translation>softplus beta</translation>
    </message>
    <message>
        <source>Larger beta makes softplus closer to ReLU.</source>
        <translation>beta 越大，softplus 越接近 ReLU。</translation>
    </message>
    <message>
        <source>GELU form</source>
        <translation>GELU 形式</translation>
    </message>
    <message>
        <source>Exact (with erf) or the tanh approximation.</source>
        <translation>精确形式（使用 erf）或 tanh 近似。</translation>
    </message>
    <message>
        <source>hidden layers</source>
        <translation>隐藏层数</translation>
    </message>
    <message>
        <source>Number of hidden layers of each network.</source>
        <translation>每个网络的隐藏层数量。</translation>
    </message>
    <message>
        <source>Network</source>
        <translation>网络</translation>
    </message>
    <message>
        <source>width</source>
        <translation>宽度</translation>
    </message>
    <message>
        <source>Units per hidden layer.</source>
        <translation>每个隐藏层的单元数。</translation>
    </message>
    <message>
        <source>weight init</source>
        <translation>权重初始化</translation>
    </message>
    <message>
        <source>How the weights start: PyTorch&apos;s Linear default, or a torch.nn.init scheme.</source>
        <translation>权重的初始方式：PyTorch Linear 的默认方式，或某个 torch.nn.init 方案。</translation>
    </message>
    <message>
        <source>Points of the two-spiral data set (trained on all at once).</source>
        <translation>双螺旋数据集的点数（一次性全部用于训练）。</translation>
    </message>
    <message>
        <source>learning rate</source>
        <translation>学习率</translation>
    </message>
    <message>
        <source>SGD step size of every network.</source>
        <translation>每个网络的 SGD 步长。</translation>
    </message>
    <message>
        <source>step</source>
        <translation>步</translation>
    </message>
    <message>
        <source>layer (1 = next to the input)</source>
        <translation>层（1 = 紧邻输入）</translation>
    </message>
    <message>
        <source>f(x) and f′(x)</source>
        <translation>f(x) 与 f′(x)</translation>
    </message>
    <message>
        <source>Gradient norm per layer, at initialisation</source>
        <translation>各层梯度范数（初始化时）</translation>
    </message>
    <message>
        <source>Gradient norm per layer, now</source>
        <translation>各层梯度范数（当前）</translation>
    </message>
    <message>
        <source>Training loss on two spirals</source>
        <translation>两条螺旋上的训练损失</translation>
    </message>
    <message>
        <source>cross-entropy</source>
        <translation>交叉熵</translation>
    </message>
    <message>
        <source>Training accuracy on two spirals</source>
        <translation>两条螺旋上的训练准确率</translation>
    </message>
    <message>
        <source>Share of ReLU units that never fire</source>
        <translation>从不激活的 ReLU 单元比例</translation>
    </message>
    <message>
        <source>loss of the ReLU net</source>
        <translation>ReLU 网络的损失</translation>
    </message>
    <message>
        <source>data points</source>
        <translation>数据点数</translation>
    </message>
    <message>
        <source>exact (erf)</source>
        <translation>精确（erf）</translation>
    </message>
    <message>
        <source>tanh approximation</source>
        <translation>tanh 近似</translation>
    </message>
    <message>
        <source>PyTorch&apos;s default</source>
        <translation>PyTorch 默认</translation>
    </message>
</context>
<context>
    <name>attention</name>
    <message>
        <source>Attention by hand</source>
        <translation>手算注意力</translation>
    </message>
    <message>
        <source>Task</source>
        <translation>任务</translation>
    </message>
    <message>
        <source>Transformer</source>
        <translation>Transformer</translation>
    </message>
    <message>
        <source>tokens</source>
        <translation>词元数</translation>
    </message>
    <message>
        <source>How many tokens the worked example has.</source>
        <translation>示例中的词元个数。</translation>
    </message>
    <message>
        <source>d_k</source>
        <translation>d_k</translation>
    </message>
    <message>
        <source>Length of the query and key vectors.</source>
        <translation>查询向量和键向量的长度。</translation>
    </message>
    <message>
        <source>scale by 1/√d_k</source>
        <translation>按 1/√d_k 缩放</translation>
    </message>
    <message>
        <source>Divide the scores by √d_k before the softmax.</source>
        <translation>在 softmax 之前将得分除以 √d_k。</translation>
    </message>
    <message>
        <source>causal mask</source>
        <translation>因果掩码</translation>
    </message>
    <message>
        <source>Each token may only look at itself and the tokens before it.</source>
        <translation>每个词元只能关注自身及其之前的词元。</translation>
    </message>
    <message>
        <source>task</source>
        <translation>任务</translation>
    </message>
    <message>
        <source>reverse: output i is input n-1-i; sort: the digits in order; copy-shift: every digit one place to the right (the last wraps around).</source>
        <translation>reverse：输出 i 为输入 n-1-i；sort：数字按大小排序；copy-shift：每个数字右移一位（最后一个移到开头）。</translation>
    </message>
    <message>
        <source>sequence length</source>
        <translation>序列长度</translation>
    </message>
    <message>
        <source>Digits per sequence.</source>
        <translation>每个序列的数字个数。</translation>
    </message>
    <message>
        <source>training steps</source>
        <translation>训练步数</translation>
    </message>
    <message>
        <source>Batches of 64 sequences to train on; the run stops after them.</source>
        <translation>用于训练的批次数（每批 64 条序列）；训练完后运行停止。</translation>
    </message>
    <message>
        <source>layers</source>
        <translation>层数</translation>
    </message>
    <message>
        <source>Encoder layers.</source>
        <translation>编码器层数。</translation>
    </message>
    <message>
        <source>heads</source>
        <translation>头数</translation>
    </message>
    <message>
        <source>Attention heads per layer (each looks with 32/heads dimensions).</source>
        <translation>每层的注意力头数（每个头使用 32/头数 个维度）。</translation>
    </message>
    <message>
        <source>positions</source>
        <translation>位置编码</translation>
    </message>
    <message>
        <source>Sinusoidal (fixed) or learned position vectors.</source>
        <translation>位置向量：sinusoidal（正弦，固定）或 learned（学习得到）。</translation>
    </message>
    <message>
        <source>learning rate</source>
        <translation>学习率</translation>
    </message>
    <message>
        <source>Adam&apos;s step size.</source>
        <translation>Adam 的步长。</translation>
    </message>
    <message>
        <source>step</source>
        <translation>步</translation>
    </message>
    <message>
        <source>Queries q</source>
        <translation>查询 q</translation>
    </message>
    <message>
        <source>Keys k</source>
        <translation>键 k</translation>
    </message>
    <message>
        <source>Scores q · k</source>
        <translation>分数 q · k</translation>
    </message>
    <message>
        <source>Scores into the softmax</source>
        <translation>送入 softmax 的分数</translation>
    </message>
    <message>
        <source>Weights: softmax</source>
        <translation>权重：softmax</translation>
    </message>
    <message>
        <source>Values v</source>
        <translation>值 v</translation>
    </message>
    <message>
        <source>Weights × v</source>
        <translation>权重 × v</translation>
    </message>
    <message>
        <source>Mean largest weight</source>
        <translation>平均最大权重</translation>
    </message>
    <message>
        <source>Spread (std) of the scores</source>
        <translation>分数的离散程度（标准差）</translation>
    </message>
    <message>
        <source>Loss</source>
        <translation>损失</translation>
    </message>
    <message>
        <source>Tokens right</source>
        <translation>正确的词元</translation>
    </message>
    <message>
        <source>Sequences right</source>
        <translation>正确的序列</translation>
    </message>
    <message>
        <source>Weight on the mirrored position (reverse)</source>
        <translation>镜像位置上的权重（reverse）</translation>
    </message>
    <message>
        <source>Attention of a layer&apos;s head</source>
        <translation>某层某个头的注意力</translation>
    </message>
    <message>
        <source>key</source>
        <translation>键</translation>
    </message>
    <message>
        <source>query</source>
        <translation>查询</translation>
    </message>
    <message>
        <source>Position vectors</source>
        <translation>位置向量</translation>
    </message>
    <message>
        <source>An example: input, target and prediction</source>
        <translation>一个例子：输入、目标与预测</translation>
    </message>
    <message>
        <source>token accuracy</source>
        <translation>词元准确率</translation>
    </message>
    <message>
        <source>reverse</source>
        <translation>反转</translation>
    </message>
    <message>
        <source>sort</source>
        <translation>排序</translation>
    </message>
    <message>
        <source>shift by one</source>
        <translation>移一位</translation>
    </message>
    <message>
        <source>sinusoidal (fixed)</source>
        <translation>正弦（固定）</translation>
    </message>
    <message>
        <source>learned</source>
        <translation>可学习</translation>
    </message>
    <message>
        <source>dimension</source>
        <translation>维度</translation>
    </message>
    <message>
        <source>position</source>
        <translation>位置</translation>
    </message>
</context>
<context>
    <name>classes</name>
    <message>
        <source>T-shirt/top</source>
        <translation>T恤/上衣</translation>
    </message>
    <message>
        <source>Trouser</source>
        <translation>裤子</translation>
    </message>
    <message>
        <source>Pullover</source>
        <translation>套头衫</translation>
    </message>
    <message>
        <source>Dress</source>
        <translation>连衣裙</translation>
    </message>
    <message>
        <source>Coat</source>
        <translation>外套</translation>
    </message>
    <message>
        <source>Sandal</source>
        <translation>凉鞋</translation>
    </message>
    <message>
        <source>Shirt</source>
        <translation>衬衫</translation>
    </message>
    <message>
        <source>Sneaker</source>
        <translation>运动鞋</translation>
    </message>
    <message>
        <source>Bag</source>
        <translation>包</translation>
    </message>
    <message>
        <source>Ankle boot</source>
        <translation>短靴</translation>
    </message>
    <message>
        <source>horizontal bar</source>
        <translation>横条</translation>
    </message>
    <message>
        <source>vertical bar</source>
        <translation>竖条</translation>
    </message>
    <message>
        <source>diagonal bar</source>
        <translation>斜条</translation>
    </message>
    <message>
        <source>disc</source>
        <translation>圆盘</translation>
    </message>
    <message>
        <source>ring</source>
        <translation>圆环</translation>
    </message>
    <message>
        <source>square</source>
        <translation>正方形</translation>
    </message>
    <message>
        <source>plus</source>
        <translation>加号</translation>
    </message>
    <message>
        <source>triangle</source>
        <translation>三角形</translation>
    </message>
    <message>
        <source>two dots</source>
        <translation>两个点</translation>
    </message>
    <message>
        <source>X</source>
        <translation>X</translation>
    </message>
</context>
<context>
    <name>cnn</name>
    <message>
        <source>Data</source>
        <translation>数据</translation>
    </message>
    <message>
        <source>Network and training</source>
        <translation>网络与训练</translation>
    </message>
    <message>
        <source>Picture</source>
        <translation>图像</translation>
    </message>
    <message>
        <source>validation images</source>
        <translation>验证图像数</translation>
    </message>
    <message>
        <source>Training images held out to measure generalisation at each epoch end (at most a sixth of the set; 0: none).</source>
        <translation>从训练图像中留出、用于在每个轮次结束时衡量泛化能力的图像数（最多为训练集的六分之一；0：不留出）。</translation>
    </message>
    <message>
        <source>augmentation</source>
        <translation>数据增强</translation>
    </message>
    <message>
        <source>Random shifts by up to 2 pixels (and mirror images of clothes) while training.</source>
        <translation>训练时随机平移最多 2 个像素（服装图像还会随机镜像）。</translation>
    </message>
    <message>
        <source>variant</source>
        <translation>变体</translation>
    </message>
    <message>
        <source>relu_maxpool: the modern LeNet-5; tanh_avgpool: LeCun&apos;s 1998 original.</source>
        <translation>relu_maxpool：现代版 LeNet-5；tanh_avgpool：LeCun 1998 年的原版。</translation>
    </message>
    <message>
        <source>optimizer</source>
        <translation>优化器</translation>
    </message>
    <message>
        <source>The update rule (momentum: SGD with momentum 0.9).</source>
        <translation>更新规则（momentum：动量为 0.9 的 SGD）。</translation>
    </message>
    <message>
        <source>learning rate</source>
        <translation>学习率</translation>
    </message>
    <message>
        <source>Step size of the optimizer.</source>
        <translation>优化器的步长。</translation>
    </message>
    <message>
        <source>batch size</source>
        <translation>批大小</translation>
    </message>
    <message>
        <source>Images per training step.</source>
        <translation>每个训练步的图像数。</translation>
    </message>
    <message>
        <source>test image</source>
        <translation>测试图像</translation>
    </message>
    <message>
        <source>Which test image the feature maps and the prediction show.</source>
        <translation>特征图和预测所显示的测试图像。</translation>
    </message>
    <message>
        <source>your image</source>
        <translation>自选图像</translation>
    </message>
    <message>
        <source>A PNG or JPEG of your own, shown instead of the test image (grayscale, resized and centred like the data set).</source>
        <translation>你自己的 PNG 或 JPEG 图像，代替测试图像显示（转为灰度，并像数据集一样缩放和居中）。</translation>
    </message>
    <message>
        <source>step</source>
        <translation>步</translation>
    </message>
    <message>
        <source>Accuracy on the training batch</source>
        <translation>训练批次上的准确率</translation>
    </message>
    <message>
        <source>The picture</source>
        <translation>原图</translation>
    </message>
    <message>
        <source>Four 3 × 3 filters</source>
        <translation>四个 3 × 3 滤波器</translation>
    </message>
    <message>
        <source>The picture through each filter (convolution)</source>
        <translation>经过各滤波器的图像（卷积）</translation>
    </message>
    <message>
        <source>A 6 × 6 grid</source>
        <translation>一个 6 × 6 网格</translation>
    </message>
    <message>
        <source>2 × 2 max pooling</source>
        <translation>2 × 2 最大池化</translation>
    </message>
    <message>
        <source>2 × 2 average pooling</source>
        <translation>2 × 2 平均池化</translation>
    </message>
    <message>
        <source>Conv 1 filters</source>
        <translation>conv 1 滤波器</translation>
    </message>
    <message>
        <source>The picture the network sees (32 × 32)</source>
        <translation>网络看到的图片（32 × 32）</translation>
    </message>
    <message>
        <source>Feature maps</source>
        <translation>特征图</translation>
    </message>
    <message>
        <source>Confusion (test)</source>
        <translation>混淆矩阵（测试集）</translation>
    </message>
    <message>
        <source>predicted</source>
        <translation>预测</translation>
    </message>
    <message>
        <source>true class</source>
        <translation>真实类别</translation>
    </message>
    <message>
        <source>Input and prediction</source>
        <translation>输入与预测</translation>
    </message>
    <message>
        <source>training loss</source>
        <translation>训练损失</translation>
    </message>
    <message>
        <source>ReLU, max pooling</source>
        <translation>ReLU，最大池化</translation>
    </message>
    <message>
        <source>1998: tanh, average pooling</source>
        <translation>1998：tanh，平均池化</translation>
    </message>
    <message>
        <source>SGD with momentum</source>
        <translation>带动量的 SGD</translation>
    </message>
</context>
<context>
    <name>deep</name>
    <message>
        <source>Networks</source>
        <translation>网络</translation>
    </message>
    <message>
        <source>Learning rate</source>
        <translation>学习率</translation>
    </message>
    <message>
        <source>blocks</source>
        <translation>块数</translation>
    </message>
    <message>
        <source>Depth of both stacks: blocks of a layer, optional norm and ReLU, with or without the shortcut.</source>
        <translation>两个堆叠的深度：每块由一层、可选的归一化和 ReLU 组成，有或没有捷径连接。</translation>
    </message>
    <message>
        <source>width</source>
        <translation>宽度</translation>
    </message>
    <message>
        <source>Units per block of the MLP (the CNN has 16 channels).</source>
        <translation>MLP 每块的单元数（CNN 有 16 个通道）。</translation>
    </message>
    <message>
        <source>blocks of</source>
        <translation>块类型</translation>
    </message>
    <message>
        <source>mlp: Linear layers; cnn: 3×3 convolutions on 14×14 maps (slow at depth).</source>
        <translation>mlp：线性层；cnn：在 14×14 特征图上的 3×3 卷积（深时较慢）。</translation>
    </message>
    <message>
        <source>normalisation</source>
        <translation>归一化</translation>
    </message>
    <message>
        <source>BatchNorm or LayerNorm in every block, before the ReLU.</source>
        <translation>每块中在 ReLU 之前使用 BatchNorm 或 LayerNorm。</translation>
    </message>
    <message>
        <source>data set</source>
        <translation>数据集</translation>
    </message>
    <message>
        <source>Fashion-MNIST, or the synthetic shapes (no files needed).</source>
        <translation>Fashion-MNIST，或合成形状（无需文件）。</translation>
    </message>
    <message>
        <source>learning rate</source>
        <translation>学习率</translation>
    </message>
    <message>
        <source>Adam&apos;s base learning rate, which the schedule then changes.</source>
        <translation>Adam 的基础学习率，之后由调度改变。</translation>
    </message>
    <message>
        <source>steps</source>
        <translation>步</translation>
    </message>
    <message>
        <source>Length of the run: the schedules are drawn over it, and the run stops there.</source>
        <translation>运行长度：调度曲线按此绘制，运行到此停止。</translation>
    </message>
    <message>
        <source>schedule</source>
        <translation>调度</translation>
    </message>
    <message>
        <source>How the learning rate changes over the run (torch.optim.lr_scheduler).</source>
        <translation>学习率在运行中如何变化（torch.optim.lr_scheduler）。</translation>
    </message>
    <message>
        <source>step every</source>
        <translation>每隔</translation>
    </message>
    <message>
        <source>factor</source>
        <translation>因子</translation>
    </message>
    <message>
        <source>The learning rate is multiplied by this at every step of the schedule.</source>
        <translation>在调度的每一级，学习率都乘以这个值。</translation>
    </message>
    <message>
        <source>factor per step</source>
        <translation>每步因子</translation>
    </message>
    <message>
        <source>warm-up</source>
        <translation>预热</translation>
    </message>
    <message>
        <source>Steps over which the learning rate climbs from almost 0 to its base value.</source>
        <translation>学习率从接近 0 升到基础值所用的步数。</translation>
    </message>
    <message>
        <source>peak learning rate</source>
        <translation>峰值学习率</translation>
    </message>
    <message>
        <source>share of the run climbing</source>
        <translation>上升阶段所占比例</translation>
    </message>
    <message>
        <source>The learning rate is multiplied by this when the smoothed loss of the residual net stops falling.</source>
        <translation>当残差网络的平滑损失不再下降时，学习率乘以这个值。</translation>
    </message>
    <message>
        <source>patience</source>
        <translation>耐心</translation>
    </message>
    <message>
        <source>LR range test first</source>
        <translation>先做 LR 范围测试</translation>
    </message>
    <message>
        <source>Runs the LR range test once on the initial weights before training.</source>
        <translation>训练前用初始权重运行一次 LR 范围测试。</translation>
    </message>
    <message>
        <source>Run the LR range test</source>
        <translation>运行 LR 范围测试</translation>
    </message>
    <message>
        <source>Trains a copy of the residual net 200 steps with the learning rate growing from 1e-6 to 1 and suggests one.</source>
        <translation>用从 1e-6 增长到 1 的学习率训练残差网络的副本 200 步，并给出建议值。</translation>
    </message>
    <message>
        <source>step</source>
        <translation>步</translation>
    </message>
    <message>
        <source>Training loss</source>
        <translation>训练损失</translation>
    </message>
    <message>
        <source>cross-entropy</source>
        <translation>交叉熵</translation>
    </message>
    <message>
        <source>Validation accuracy</source>
        <translation>验证准确率</translation>
    </message>
    <message>
        <source>accuracy</source>
        <translation>准确率</translation>
    </message>
    <message>
        <source>Gradient norm of the last block / the first</source>
        <translation>最后一块 / 第一块的梯度范数</translation>
    </message>
    <message>
        <source>Suggested learning rate</source>
        <translation>建议学习率</translation>
    </message>
    <message>
        <source>Gradient norm of every block (log10)</source>
        <translation>每块的梯度范数（log10）</translation>
    </message>
    <message>
        <source>Spread of every block&apos;s output</source>
        <translation>每块输出的离散度</translation>
    </message>
    <message>
        <source>block</source>
        <translation>块</translation>
    </message>
    <message>
        <source>std</source>
        <translation>标准差</translation>
    </message>
    <message>
        <source>The learning rate over the run</source>
        <translation>整个运行中的学习率</translation>
    </message>
    <message>
        <source>LR range test</source>
        <translation>LR 范围测试</translation>
    </message>
    <message>
        <source>loss</source>
        <translation>损失</translation>
    </message>
    <message>
        <source>The plain network</source>
        <translation>普通网络</translation>
    </message>
    <message>
        <source>The residual network</source>
        <translation>残差网络</translation>
    </message>
    <message>
        <source>residual net&apos;s loss</source>
        <translation>残差网络的损失</translation>
    </message>
    <message>
        <source>training steps</source>
        <translation>训练步数</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <source>synthetic shapes</source>
        <translation>合成形状</translation>
    </message>
    <message>
        <source>constant</source>
        <translation>恒定</translation>
    </message>
    <message>
        <source>in steps</source>
        <translation>阶梯下降</translation>
    </message>
    <message>
        <source>exponential decay</source>
        <translation>指数衰减</translation>
    </message>
    <message>
        <source>cosine</source>
        <translation>余弦</translation>
    </message>
    <message>
        <source>warm-up + cosine</source>
        <translation>预热 + 余弦</translation>
    </message>
    <message>
        <source>one cycle</source>
        <translation>单周期</translation>
    </message>
    <message>
        <source>lower on a plateau</source>
        <translation>平台期降低</translation>
    </message>
    <message>
        <source>linear layers</source>
        <translation>线性层</translation>
    </message>
    <message>
        <source>3×3 convolutions</source>
        <translation>3×3 卷积</translation>
    </message>
</context>
<context>
    <name>errors</name>
    <message>
        <source>could not decode %1 as PNG or JPEG (%2)</source>
        <translation>无法将 %1 解码为 PNG 或 JPEG（%2）</translation>
    </message>
    <message>
        <source>the PNG header is missing or cut short</source>
        <translation>PNG 文件头缺失或被截断</translation>
    </message>
    <message>
        <source>a JPEG segment is malformed</source>
        <translation>某个 JPEG 段格式错误</translation>
    </message>
    <message>
        <source>the JPEG has no frame header</source>
        <translation>该 JPEG 没有帧头</translation>
    </message>
    <message>
        <source>the JPEG is cut short before its frame header</source>
        <translation>该 JPEG 在帧头之前就被截断了</translation>
    </message>
    <message>
        <source>the file is empty</source>
        <translation>文件是空的</translation>
    </message>
    <message>
        <source>it is neither: no PNG or JPEG signature</source>
        <translation>两者都不是：没有 PNG 或 JPEG 签名</translation>
    </message>
    <message>
        <source>image %1 not found</source>
        <translation>找不到图像 %1</translation>
    </message>
    <message>
        <source>cannot open image %1: %2</source>
        <translation>无法打开图像 %1：%2</translation>
    </message>
    <message>
        <source>%1 is a folder, not an image</source>
        <translation>%1 是文件夹，不是图像</translation>
    </message>
    <message>
        <source>image %1 is %2 bytes, more than the %3 we read</source>
        <translation>图像 %1 有 %2 字节，超过了可读取的 %3 字节</translation>
    </message>
    <message>
        <source>image %1 is %2x%3 = %4 pixels, more than the %5 we decode</source>
        <translation>图像 %1 为 %2x%3 = %4 像素，超过了可解码的 %5 像素</translation>
    </message>
    <message>
        <source>the data is corrupt</source>
        <translation>数据已损坏</translation>
    </message>
    <message>
        <source>the image is blank: nothing stands out from its light background</source>
        <translation>图像是空白的：浅色背景上没有任何突出的内容</translation>
    </message>
    <message>
        <source>the image is blank: nothing stands out from its dark background</source>
        <translation>图像是空白的：深色背景上没有任何突出的内容</translation>
    </message>
    <message>
        <source>gpt: the text is too short: training and validation need %1 characters each, the split gave %2 and %3</source>
        <translation>gpt：文本太短：训练和验证各需要 %1 个字符，划分得到 %2 和 %3 个</translation>
    </message>
    <message>
        <source>gpt: the text has %1 different characters; at most %2 are supported</source>
        <translation>gpt：文本有 %1 种不同的字符；最多支持 %2 种</translation>
    </message>
    <message>
        <source>gpt: the validation text is too short (%1 characters)</source>
        <translation>gpt：验证文本太短（%1 个字符）</translation>
    </message>
    <message>
        <source>gpt: choose a text file to train on (or pick the fortunes)</source>
        <translation>gpt：请选择一个用于训练的文本文件（或选择 fortunes）</translation>
    </message>
    <message>
        <source>gpt: the file %1 does not exist</source>
        <translation>gpt：文件 %1 不存在</translation>
    </message>
    <message>
        <source>gpt: %1 is not a regular file</source>
        <translation>gpt：%1 不是普通文件</translation>
    </message>
    <message>
        <source>gpt: cannot read %1</source>
        <translation>gpt：无法读取 %1</translation>
    </message>
    <message>
        <source>gpt: the file %1 is empty</source>
        <translation>gpt：文件 %1 是空的</translation>
    </message>
    <message>
        <source>gpt: the file %1 has %2 MB; the lesson trains on texts of at most %3 MB</source>
        <translation>gpt：文件 %1 有 %2 MB；本课只能用最多 %3 MB 的文本训练</translation>
    </message>
    <message>
        <source>gpt: %1 is not a UTF-8 text file (a binary file, or another encoding)</source>
        <translation>gpt：%1 不是 UTF-8 文本文件（是二进制文件，或使用了其他编码）</translation>
    </message>
    <message>
        <source>cannot read %1: %2</source>
        <translation>无法读取 %1：%2</translation>
    </message>
    <message>
        <source>cannot read %1: it is a directory</source>
        <translation>无法读取 %1：它是一个文件夹</translation>
    </message>
    <message>
        <source>cannot read %1: it is not a regular file</source>
        <translation>无法读取 %1：它不是普通文件</translation>
    </message>
    <message>
        <source>%1 is not a Gradient Lab checkpoint: its metadata has no &quot;%2&quot;</source>
        <translation>%1 不是 Gradient Lab 检查点：其元数据中没有“%2”</translation>
    </message>
    <message>
        <source>%1 is not a Gradient Lab checkpoint: its format is &quot;%2&quot;, expected &quot;%3&quot;</source>
        <translation>%1 不是 Gradient Lab 检查点：其格式为“%2”，应为“%3”</translation>
    </message>
    <message>
        <source>checkpoint %1 has version &quot;%2&quot;; this build reads version %3</source>
        <translation>检查点 %1 的版本为“%2”；此版本只能读取版本 %3</translation>
    </message>
    <message>
        <source>checkpoint %1 is for lesson &quot;%2&quot;, not &quot;%3&quot;</source>
        <translation>检查点 %1 属于课程“%2”，而不是“%3”</translation>
    </message>
    <message>
        <source>%1 is not a valid safetensors file: it does not begin like one (is it a picture, a text or another kind of file?)</source>
        <translation>%1 不是有效的 safetensors 文件：它的开头不像这种文件（它是图片、文本或其他类型的文件吗？）</translation>
    </message>
    <message>
        <source>%1 is not a valid safetensors file: it ends before the data its header announces (was it cut short while being copied or downloaded?)</source>
        <translation>%1 不是有效的 safetensors 文件：它在文件头所声明的数据之前就结束了（是否在复制或下载时被截断？）</translation>
    </message>
    <message>
        <source>%1 is not a valid safetensors file: its header does not describe its data (the file is damaged)</source>
        <translation>%1 不是有效的 safetensors 文件：其文件头与数据不符（文件已损坏）</translation>
    </message>
    <message>
        <source>%1 holds tensors of type %2 (tensor &quot;%3&quot;): the lab reads float32 (F32) tensors only</source>
        <translation>%1 包含 %2 类型的张量（张量“%3”）：本实验室只能读取 float32（F32）张量</translation>
    </message>
    <message>
        <source>%1: the checkpoint does not fit this lesson (it may come from another version of the lab, or have been changed)</source>
        <translation>%1：该检查点与本课不匹配（它可能来自本实验室的其他版本，或已被修改）</translation>
    </message>
    <message>
        <source>%1 is not a Gradient Lab checkpoint: it names no lesson</source>
        <translation>%1 不是 Gradient Lab 检查点：它没有指明课程</translation>
    </message>
    <message>
        <source>checkpoint %1 is damaged: its settings cannot be read</source>
        <translation>检查点 %1 已损坏：无法读取其设置</translation>
    </message>
    <message>
        <source>cannot write %1: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
    <message>
        <source>cannot write %1: %2 (the old file is unchanged)</source>
        <translation>无法写入 %1：%2（旧文件保持不变）</translation>
    </message>
    <message>
        <source>the system does not allow it (permissions)</source>
        <translation>系统不允许（权限不足）</translation>
    </message>
    <message>
        <source>the disk is full</source>
        <translation>磁盘已满</translation>
    </message>
    <message>
        <source>the disk is read-only</source>
        <translation>磁盘为只读</translation>
    </message>
    <message>
        <source>no such file or folder</source>
        <translation>文件或文件夹不存在</translation>
    </message>
    <message>
        <source>a part of the path is not a folder</source>
        <translation>路径中有一部分不是文件夹</translation>
    </message>
    <message>
        <source>the name is too long</source>
        <translation>名称太长</translation>
    </message>
    <message>
        <source>the file would be too large</source>
        <translation>文件会过大</translation>
    </message>
    <message>
        <source>the disk reported an error</source>
        <translation>磁盘报告了错误</translation>
    </message>
    <message>
        <source>cannot write %1: it is a directory</source>
        <translation>无法写入 %1：它是一个文件夹</translation>
    </message>
    <message>
        <source>cannot write %1: it is not a regular file</source>
        <translation>无法写入 %1：它不是普通文件</translation>
    </message>
    <message>
        <source>cannot read %1: it became shorter while it was read (did something change it?)</source>
        <translation>无法读取 %1：读取过程中文件变短了（是否有程序修改了它？）</translation>
    </message>
    <message>
        <source>cannot read %1: it is %2 bytes, more than the limit of %3</source>
        <translation>无法读取 %1：它有 %2 字节，超过了 %3 字节的上限</translation>
    </message>
    <message>
        <source>the folder %1 is not writable: %2</source>
        <translation>无法写入文件夹 %1：%2</translation>
    </message>
</context>
<context>
    <name>generalization</name>
    <message>
        <source>Regularisation</source>
        <translation>正则化</translation>
    </message>
    <message>
        <source>Points (2-D)</source>
        <translation>点（2-D）</translation>
    </message>
    <message>
        <source>Images</source>
        <translation>图像</translation>
    </message>
    <message>
        <source>weight decay (L2)</source>
        <translation>权重衰减（L2）</translation>
    </message>
    <message>
        <source>Adam&apos;s weight decay: weight_decay × w is added to every parameter&apos;s gradient, pulling the weights towards 0.</source>
        <translation>Adam 的权重衰减：把 weight_decay × w 加到每个参数的梯度上，把权重拉向 0。</translation>
    </message>
    <message>
        <source>L1 penalty</source>
        <translation>L1 惩罚</translation>
    </message>
    <message>
        <source>Adds l1 × the sum of |w| over the layers&apos; weights to the loss: it drives many weights to (almost) zero.</source>
        <translation>把 l1 × 各层权重的 |w| 之和加到损失上：许多权重会变成（几乎）为零。</translation>
    </message>
    <message>
        <source>dropout p</source>
        <translation>Dropout p</translation>
    </message>
    <message>
        <source>In training, each hidden unit is switched off with probability p and the others are scaled by 1/(1-p); nothing is dropped in evaluation.</source>
        <translation>训练时每个隐藏单元以概率 p 被关闭，其余的乘以 1/(1-p)；评估时不丢弃任何单元。</translation>
    </message>
    <message>
        <source>batch size</source>
        <translation>批大小</translation>
    </message>
    <message>
        <source>Examples per step (the points use at most all of theirs). Small batches make noisy steps, which also regularise.</source>
        <translation>每步的样本数（点最多使用它们的全部）。小批量使每一步带噪声，这本身也有正则化作用。</translation>
    </message>
    <message>
        <source>stop early</source>
        <translation>提前停止</translation>
    </message>
    <message>
        <source>Stop a network once its validation loss has not improved for `patience`, and give it back its best weights.</source>
        <translation>当验证损失在 `patience` 内不再改善时停止网络训练，并恢复其最佳权重。</translation>
    </message>
    <message>
        <source>Restore best weights</source>
        <translation>恢复最佳权重</translation>
    </message>
    <message>
        <source>Gives both networks the weights they had at their lowest validation loss so far.</source>
        <translation>让两个网络恢复到迄今验证损失最低时的权重。</translation>
    </message>
    <message>
        <source>data set</source>
        <translation>数据集</translation>
    </message>
    <message>
        <source>The two classes of points.</source>
        <translation>两类点。</translation>
    </message>
    <message>
        <source>training points</source>
        <translation>训练点</translation>
    </message>
    <message>
        <source>How many points the network learns from; 1,000 others validate it.</source>
        <translation>网络从多少个点学习；另外 1,000 个点用于验证。</translation>
    </message>
    <message>
        <source>noise</source>
        <translation>噪声</translation>
    </message>
    <message>
        <source>How far points stray from their class&apos;s shape (the std of the jitter, in units of the shape&apos;s size): noisy classes overlap.</source>
        <translation>点偏离其类别形状的程度（抖动的标准差，以形状大小为单位）：噪声大的类别会重叠。</translation>
    </message>
    <message>
        <source>hidden layers</source>
        <translation>隐藏层数</translation>
    </message>
    <message>
        <source>units per layer</source>
        <translation>每层单元数</translation>
    </message>
    <message>
        <source>learning rate</source>
        <translation>学习率</translation>
    </message>
    <message>
        <source>Adam&apos;s step size for the points&apos; network.</source>
        <translation>点网络的 Adam 步长。</translation>
    </message>
    <message>
        <source>patience</source>
        <translation>耐心</translation>
    </message>
    <message>
        <source>Steps without a better validation loss after which early stopping stops.</source>
        <translation>验证损失未改善多少步后提前停止。</translation>
    </message>
    <message>
        <source>steps</source>
        <translation>步</translation>
    </message>
    <message>
        <source>edit the training points</source>
        <translation>编辑训练点</translation>
    </message>
    <message>
        <source>&quot;add X Y CLASS&quot; or &quot;remove X Y&quot;: the page sends these when you click on the picture.</source>
        <translation>“add X Y CLASS” 或 “remove X Y”：点击图片时页面会发送这些命令。</translation>
    </message>
    <message>
        <source>network</source>
        <translation>网络</translation>
    </message>
    <message>
        <source>mlp: 784-256-256-10; cnn: two 3×3 convolutions (16 and 32 channels) with pooling, then 128 units.</source>
        <translation>mlp：784-256-256-10；cnn：两个 3×3 卷积（16 和 32 个通道）加池化，然后是 128 个单元。</translation>
    </message>
    <message>
        <source>training pictures</source>
        <translation>训练图像</translation>
    </message>
    <message>
        <source>A small subset of Fashion-MNIST, so that the network can learn it by heart; 2,000 others validate.</source>
        <translation>Fashion-MNIST 的一个小子集，网络可以把它背下来；另外 2,000 张用于验证。</translation>
    </message>
    <message>
        <source>normalisation</source>
        <translation>归一化</translation>
    </message>
    <message>
        <source>BatchNorm or LayerNorm after each hidden layer, before the ReLU.</source>
        <translation>在每个隐藏层之后、ReLU 之前使用 BatchNorm 或 LayerNorm。</translation>
    </message>
    <message>
        <source>augmentation</source>
        <translation>数据增强</translation>
    </message>
    <message>
        <source>Random changes to each training picture each time it is used: shift up to 2 pixels, mirror left-right, turn up to 10°.</source>
        <translation>每次使用训练图像时随机改变它：平移最多 2 个像素、左右镜像、旋转最多 10°。</translation>
    </message>
    <message>
        <source>Adam&apos;s step size for the pictures&apos; network.</source>
        <translation>图像网络的 Adam 步长。</translation>
    </message>
    <message>
        <source>epochs</source>
        <translation>轮数</translation>
    </message>
    <message>
        <source>Passes over the training pictures; then this network stops.</source>
        <translation>遍历训练图像的次数；之后该网络停止。</translation>
    </message>
    <message>
        <source>Epochs without a better validation loss after which early stopping stops.</source>
        <translation>验证损失未改善多少轮后提前停止。</translation>
    </message>
    <message>
        <source>step</source>
        <translation>步</translation>
    </message>
    <message>
        <source>cross-entropy</source>
        <translation>交叉熵</translation>
    </message>
    <message>
        <source>accuracy</source>
        <translation>准确率</translation>
    </message>
    <message>
        <source>Loss on the training points</source>
        <translation>训练点上的损失</translation>
    </message>
    <message>
        <source>Loss on the validation points</source>
        <translation>验证点上的损失</translation>
    </message>
    <message>
        <source>Accuracy on the training points</source>
        <translation>训练点上的准确率</translation>
    </message>
    <message>
        <source>Accuracy on the validation points</source>
        <translation>验证点上的准确率</translation>
    </message>
    <message>
        <source>Parameters of the points&apos; network</source>
        <translation>点网络的参数</translation>
    </message>
    <message>
        <source>best</source>
        <translation>最佳</translation>
    </message>
    <message>
        <source>early stop</source>
        <translation>提前停止</translation>
    </message>
    <message>
        <source>Probability of class 1 (red)</source>
        <translation>类别 1（红色）的概率</translation>
    </message>
    <message>
        <source>Training and validation points</source>
        <translation>训练点和验证点</translation>
    </message>
    <message>
        <source>Loss on the training pictures</source>
        <translation>训练图像上的损失</translation>
    </message>
    <message>
        <source>Loss on the validation pictures</source>
        <translation>验证图像上的损失</translation>
    </message>
    <message>
        <source>Accuracy on the training pictures</source>
        <translation>训练图像上的准确率</translation>
    </message>
    <message>
        <source>Accuracy on the validation pictures</source>
        <translation>验证图像上的准确率</translation>
    </message>
    <message>
        <source>Epochs completed</source>
        <translation>已完成的轮数</translation>
    </message>
    <message>
        <source>Parameters of the pictures&apos; network</source>
        <translation>图像网络的参数</translation>
    </message>
    <message>
        <source>Weight norm of a layer</source>
        <translation>某层的权重范数</translation>
    </message>
    <message>
        <source>Class of the augmented picture</source>
        <translation>增强图像的类别</translation>
    </message>
    <message>
        <source>One training picture as the network sees it</source>
        <translation>网络所看到的一张训练图像</translation>
    </message>
    <message>
        <source>The points&apos; network</source>
        <translation>点数据的网络</translation>
    </message>
    <message>
        <source>The picture network</source>
        <translation>图片网络</translation>
    </message>
    <message>
        <source>Early stopping: the validation loss of the points has not improved for %3 steps, so the points&apos; network has its weights of step %1 again (validation loss %2).</source>
        <translation>提前停止：点的验证损失已有 %3 步没有改善，因此点数据的网络恢复了第 %1 步的权重（验证损失 %2）。</translation>
    </message>
    <message>
        <source>Restored: the points&apos; network has its weights of step %1 again (validation loss %2).</source>
        <translation>已恢复：点数据的网络恢复了第 %1 步的权重（验证损失 %2）。</translation>
    </message>
    <message>
        <source>Early stopping: the validation loss of the pictures has not improved for %3 epochs, so the picture network has its weights of epoch %1 again (validation loss %2).</source>
        <translation>提前停止：图片的验证损失已有 %3 个轮次没有改善，因此图片网络恢复了第 %1 轮的权重（验证损失 %2）。</translation>
    </message>
    <message>
        <source>Restored: the picture network has its weights of epoch %1 again (validation loss %2).</source>
        <translation>已恢复：图片网络恢复了第 %1 轮的权重（验证损失 %2）。</translation>
    </message>
    <message>
        <source>There are no best weights yet: nothing has been evaluated.</source>
        <translation>还没有最佳权重：尚未进行任何评估。</translation>
    </message>
    <message>
        <source>validation accuracy</source>
        <translation>验证准确率</translation>
    </message>
    <message>
        <source>two moons</source>
        <translation>双月牙</translation>
    </message>
    <message>
        <source>two spirals</source>
        <translation>双螺旋</translation>
    </message>
    <message>
        <source>XOR quadrants</source>
        <translation>XOR 象限</translation>
    </message>
    <message>
        <source>two circles</source>
        <translation>双圆环</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <source>shift</source>
        <translation>平移</translation>
    </message>
    <message>
        <source>mirror</source>
        <translation>镜像</translation>
    </message>
    <message>
        <source>turn</source>
        <translation>旋转</translation>
    </message>
</context>
<context>
    <name>gpt</name>
    <message>
        <source>Text</source>
        <translation>文本</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>Training</source>
        <translation>训练</translation>
    </message>
    <message>
        <source>Writing</source>
        <translation>写作</translation>
    </message>
    <message>
        <source>text</source>
        <translation>文本</translation>
    </message>
    <message>
        <source>What it learns from: Debian&apos;s fortunes (quotations and jokes, English or German), a small built-in text, or a UTF-8 text file of your own.</source>
        <translation>从什么学习：Debian 的 fortunes（名言和笑话，英文或德文）、一段内置的小文本，或你自己的 UTF-8 文本文件。</translation>
    </message>
    <message>
        <source>your text file</source>
        <translation>你的文本文件</translation>
    </message>
    <message>
        <source>A UTF-8 text file (at most 32 MB); entries split at lines holding % or at blank lines.</source>
        <translation>一个 UTF-8 文本文件（最多 32 MB）；条目在只含 % 的行或空行处分开。</translation>
    </message>
    <message>
        <source>layers</source>
        <translation>层数</translation>
    </message>
    <message>
        <source>Transformer blocks (attention + MLP) stacked.</source>
        <translation>堆叠的 Transformer 块（注意力 + MLP）。</translation>
    </message>
    <message>
        <source>width</source>
        <translation>宽度</translation>
    </message>
    <message>
        <source>Length of every character&apos;s vector inside the model.</source>
        <translation>模型内部每个字符向量的长度。</translation>
    </message>
    <message>
        <source>heads</source>
        <translation>头数</translation>
    </message>
    <message>
        <source>Attention heads per block (each looks with width/heads dimensions).</source>
        <translation>每个块的注意力头数（每个头使用 宽度/头数 个维度）。</translation>
    </message>
    <message>
        <source>context</source>
        <translation>上下文</translation>
    </message>
    <message>
        <source>How many characters back the model can see.</source>
        <translation>模型能向前看多少个字符。</translation>
    </message>
    <message>
        <source>characters</source>
        <translation>个字符</translation>
    </message>
    <message>
        <source>tie output to embedding</source>
        <translation>输出与嵌入共享权重</translation>
    </message>
    <message>
        <source>Score the next character with the embedding table itself instead of a separate output matrix.</source>
        <translation>用嵌入表本身而不是单独的输出矩阵给下一个字符打分。</translation>
    </message>
    <message>
        <source>batch size</source>
        <translation>批大小</translation>
    </message>
    <message>
        <source>Text windows per step.</source>
        <translation>每步的文本窗口数。</translation>
    </message>
    <message>
        <source>learning rate</source>
        <translation>学习率</translation>
    </message>
    <message>
        <source>AdamW&apos;s peak step size (after the warmup; it then decays to a tenth).</source>
        <translation>AdamW 的最大步长（预热之后；随后衰减到十分之一）。</translation>
    </message>
    <message>
        <source>weight decay</source>
        <translation>权重衰减</translation>
    </message>
    <message>
        <source>AdamW&apos;s pull of every weight matrix towards zero.</source>
        <translation>AdamW 把每个权重矩阵拉向零的力度。</translation>
    </message>
    <message>
        <source>warmup steps</source>
        <translation>预热步数</translation>
    </message>
    <message>
        <source>Steps over which the learning rate rises from almost zero to its peak.</source>
        <translation>学习率从接近零升到最大值所用的步数。</translation>
    </message>
    <message>
        <source>gradient clipping</source>
        <translation>梯度裁剪</translation>
    </message>
    <message>
        <source>Largest gradient norm per step; 0 turns clipping off.</source>
        <translation>每步允许的最大梯度范数；0 表示关闭裁剪。</translation>
    </message>
    <message>
        <source>training steps</source>
        <translation>训练步数</translation>
    </message>
    <message>
        <source>The run stops after them; the learning rate&apos;s cosine decay spans them.</source>
        <translation>运行在这些步之后停止；学习率的余弦衰减覆盖这些步。</translation>
    </message>
    <message>
        <source>prompt</source>
        <translation>提示</translation>
    </message>
    <message>
        <source>The text the model continues (characters it has never seen are left out).</source>
        <translation>模型接着写的文本（它从未见过的字符会被略去）。</translation>
    </message>
    <message>
        <source>temperature</source>
        <translation>温度</translation>
    </message>
    <message>
        <source>Divides the scores before the softmax: low is safe and repetitive, high is wild; 0 always takes the most likely character.</source>
        <translation>在 softmax 之前除以分数：低温稳妥但重复，高温狂野；0 总是取最可能的字符。</translation>
    </message>
    <message>
        <source>top-k</source>
        <translation>top-k</translation>
    </message>
    <message>
        <source>Draw only from the k most likely characters; 0 turns it off.</source>
        <translation>只从最可能的 k 个字符中抽取；0 表示关闭。</translation>
    </message>
    <message>
        <source>top-p</source>
        <translation>top-p</translation>
    </message>
    <message>
        <source>Draw only from the most likely characters that together hold this much probability; 1 turns it off.</source>
        <translation>只从合计拥有这么多概率的最可能字符中抽取；1 表示关闭。</translation>
    </message>
    <message>
        <source>write every</source>
        <translation>每隔多少步写</translation>
    </message>
    <message>
        <source>Training steps between samples.</source>
        <translation>两次样本之间的训练步数。</translation>
    </message>
    <message>
        <source>steps</source>
        <translation>步</translation>
    </message>
    <message>
        <source>sample length</source>
        <translation>样本长度</translation>
    </message>
    <message>
        <source>Characters written per sample.</source>
        <translation>每个样本写出的字符数。</translation>
    </message>
    <message>
        <source>step</source>
        <translation>步</translation>
    </message>
    <message>
        <source>Loss (train, validation)</source>
        <translation>损失（训练、验证）</translation>
    </message>
    <message>
        <source>nats per character</source>
        <translation>每字符奈特</translation>
    </message>
    <message>
        <source>Loss in bits per character</source>
        <translation>以每字符比特计的损失</translation>
    </message>
    <message>
        <source>bits per character</source>
        <translation>每字符比特</translation>
    </message>
    <message>
        <source>Learning rate</source>
        <translation>学习率</translation>
    </message>
    <message>
        <source>Gradient norm before clipping</source>
        <translation>裁剪前的梯度范数</translation>
    </message>
    <message>
        <source>Characters trained per second (between evaluations)</source>
        <translation>每秒训练的字符数（两次评估之间）</translation>
    </message>
    <message>
        <source>Parameters</source>
        <translation>参数</translation>
    </message>
    <message>
        <source>Different characters</source>
        <translation>不同字符数</translation>
    </message>
    <message>
        <source>Samples written during training</source>
        <translation>训练中写出的样本</translation>
    </message>
    <message>
        <source>The latest writing</source>
        <translation>最新写出的文本</translation>
    </message>
    <message>
        <source>Next character after the prompt</source>
        <translation>提示之后的下一个字符</translation>
    </message>
    <message>
        <source>Character embeddings (PCA)</source>
        <translation>字符嵌入（PCA）</translation>
    </message>
    <message>
        <source>first component</source>
        <translation>第一主成分</translation>
    </message>
    <message>
        <source>second component</source>
        <translation>第二主成分</translation>
    </message>
    <message>
        <source>Attention (layer, head)</source>
        <translation>注意力（层，头）</translation>
    </message>
    <message>
        <source>looked at</source>
        <translation>被关注</translation>
    </message>
    <message>
        <source>looking</source>
        <translation>关注者</translation>
    </message>
    <message>
        <source>sample</source>
        <translation>样本</translation>
    </message>
    <message>
        <source>Debian&apos;s %1 package is not installed, so the GPT learns the small built-in English text instead.</source>
        <translation>Debian 的 %1 软件包未安装，因此 GPT 改为学习内置的英文小文本。</translation>
    </message>
    <message>
        <source>validation loss</source>
        <translation>验证损失</translation>
    </message>
    <message>
        <source>fortunes (English)</source>
        <translation>fortunes（英文）</translation>
    </message>
    <message>
        <source>fortunes (German)</source>
        <translation>fortunes（德文）</translation>
    </message>
    <message>
        <source>built-in text</source>
        <translation>内置文本</translation>
    </message>
    <message>
        <source>a file of your own</source>
        <translation>你自己的文件</translation>
    </message>
</context>
<context>
    <name>gradlab::Board</name>
    <message>
        <source>layer %1, head %2</source>
        <translation>第 %1 层，第 %2 头</translation>
    </message>
    <message>
        <source>layer %1</source>
        <translation>第 %1 层</translation>
    </message>
    <message>
        <source>rollout (all layers)</source>
        <translation>rollout（所有层）</translation>
    </message>
</context>
<context>
    <name>gradlab::BoundaryPlot</name>
    <message>
        <source>class 0</source>
        <translation>类别 0</translation>
    </message>
    <message>
        <source>class 1</source>
        <translation>类别 1</translation>
    </message>
    <message>
        <source>x = %1   y = %2   P(class 1) = %3</source>
        <translation>x = %1   y = %2   P(类别 1) = %3</translation>
    </message>
</context>
<context>
    <name>gradlab::LabController</name>
    <message>
        <source>There is no lesson called %1.</source>
        <translation>没有名为 %1 的课程。</translation>
    </message>
    <message>
        <source>Could not load the checkpoint: %1</source>
        <translation>无法加载检查点：%1</translation>
    </message>
    <message>
        <source>Saved %1</source>
        <translation>已保存 %1</translation>
    </message>
    <message>
        <source>The lesson has finished its run.</source>
        <translation>本课已运行完毕。</translation>
    </message>
    <message>
        <source>The checkpoint&apos;s chart history is damaged and was skipped: %1</source>
        <translation>检查点中的图表历史已损坏，已跳过：%1</translation>
    </message>
    <message>
        <source>Loaded %1</source>
        <translation>已加载 %1</translation>
    </message>
    <message>
        <source>No folder name given.</source>
        <translation>未给出文件夹名称。</translation>
    </message>
    <message>
        <source>%1 is a file, not a folder.</source>
        <translation>%1 是文件，不是文件夹。</translation>
    </message>
    <message>
        <source>Cannot create the folder %1.</source>
        <translation>无法创建文件夹 %1。</translation>
    </message>
    <message>
        <source>%1 %</source>
        <translation>%1%</translation>
    </message>
    <message>
        <source>epoch %1 of %2</source>
        <translation>第 %1 轮，共 %2 轮</translation>
    </message>
    <message>
        <source>less than a minute left</source>
        <translation>剩余不到一分钟</translation>
    </message>
    <message>
        <source>about a minute left</source>
        <translation>剩余约一分钟</translation>
    </message>
    <message>
        <source>about %1 min left</source>
        <translation>剩余约 %1 分钟</translation>
    </message>
    <message>
        <source>There is no run to branch from yet.</source>
        <translation>还没有可以返回的运行。</translation>
    </message>
    <message>
        <source>This run continues a checkpoint whose beginning was not recorded: it cannot go back.</source>
        <translation>此运行接续一个未记录开头的检查点：无法返回。</translation>
    </message>
    <message>
        <source>Choose a step between 0 and %1.</source>
        <translation>请选择 0 到 %1 之间的步数。</translation>
    </message>
    <message>
        <source>branch from step %1</source>
        <translation>自第 %1 步分支</translation>
    </message>
    <message>
        <source>Run %1</source>
        <translation>运行 %1</translation>
    </message>
    <message>
        <source>the same as %1</source>
        <translation>与 %1 相同</translation>
    </message>
    <message>
        <source>step %1</source>
        <translation>第 %1 步</translation>
    </message>
    <message>
        <source>training · step %1</source>
        <translation>训练中 · 第 %1 步</translation>
    </message>
    <message>
        <source>seeds %1 to %2 of %3, to step %4</source>
        <translation>%3 的种子 %1 到 %2，至第 %4 步</translation>
    </message>
    <message>
        <source>step %1 of %2</source>
        <translation>第 %1 / %2 步</translation>
    </message>
    <message>
        <source>%1: mean %2 (%3 to %4)</source>
        <translation>%1：均值 %2（%3 至 %4）</translation>
    </message>
    <message>
        <source>A run needs a name.</source>
        <translation>运行需要一个名称。</translation>
    </message>
    <message>
        <source>There is no such run.</source>
        <translation>没有这个运行。</translation>
    </message>
    <message>
        <source>The run on screen cannot be deleted: reset or branch first.</source>
        <translation>无法删除当前显示的运行：请先重置或分支。</translation>
    </message>
    <message>
        <source>There is no run to export yet.</source>
        <translation>还没有可导出的运行。</translation>
    </message>
    <message>
        <source>Could not export the run: %1</source>
        <translation>无法导出运行：%1</translation>
    </message>
    <message>
        <source>No file given.</source>
        <translation>未指定文件。</translation>
    </message>
    <message>
        <source>Could not load the run: %1</source>
        <translation>无法加载运行：%1</translation>
    </message>
    <message>
        <source>Choose between 2 and 16 seeds.</source>
        <translation>请选择 2 到 16 个种子。</translation>
    </message>
    <message>
        <source>Let the run take some steps first: the seeds repeat it up to the step it has reached.</source>
        <translation>请先让运行走几步：各种子会把它重复到已达到的步数。</translation>
    </message>
    <message>
        <source>This run continues a checkpoint whose beginning was not recorded: it cannot be repeated.</source>
        <translation>此运行接续的检查点没有记录开头：无法重复。</translation>
    </message>
    <message>
        <source>%1 × %2 seeds</source>
        <translation>%1 × %2 个种子</translation>
    </message>
    <message>
        <source>Could not save %1: %2</source>
        <translation>无法保存 %1：%2</translation>
    </message>
    <message>
        <source>Nothing was saved to %1: the run was replaced before it began.</source>
        <translation>未保存到 %1：运行在开始前已被替换。</translation>
    </message>
    <message>
        <source>Nothing was saved to %1: the run did not start (%2).</source>
        <translation>未保存到 %1：运行未能启动（%2）。</translation>
    </message>
    <message>
        <source>Nothing was saved to %1: the run stopped on an error (%2).</source>
        <translation>未保存到 %1：运行因错误而停止（%2）。</translation>
    </message>
    <message>
        <source>Nothing was saved to %1: the run had ended.</source>
        <translation>未保存到 %1：运行已经结束。</translation>
    </message>
    <message>
        <source>preparing…</source>
        <translation>准备中…</translation>
    </message>
    <message>
        <source>paused</source>
        <translation>已暂停</translation>
    </message>
    <message>
        <source>running…</source>
        <translation>运行中…</translation>
    </message>
    <message>
        <source>%1 steps/s</source>
        <translation>%1 步/秒</translation>
    </message>
    <message>
        <source>%1 s per step</source>
        <translation>每步 %1 秒</translation>
    </message>
    <message>
        <source>No NVIDIA GPU that the lab can use: it trains on the CPU.</source>
        <translation>没有本实验室可用的 NVIDIA GPU：在 CPU 上训练。</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <source>Your run of last time goes on from step %1. Reset starts a new one.</source>
        <translation>上次的运行从第 %1 步继续。点击“重置”开始新的运行。</translation>
    </message>
    <message>
        <source>The run could not start: %1</source>
        <translation>运行无法开始：%1</translation>
    </message>
    <message>
        <source>The run stopped on an error: %1</source>
        <translation>运行因错误而停止：%1</translation>
    </message>
    <message>
        <source>Not applied (%1): %2</source>
        <translation>未应用（%1）：%2</translation>
    </message>
    <message>
        <source>The other runs of last time could not be read: %1</source>
        <translation>无法读取上次的其他运行：%1</translation>
    </message>
    <message>
        <source>Your run of last time could not be continued (%1); a new run begins.</source>
        <translation>上次的运行无法继续（%1）；将开始新的运行。</translation>
    </message>
    <message>
        <source>Its checkpoint is kept as %1.</source>
        <translation>它的检查点保存在 %1。</translation>
    </message>
    <message>
        <source>Another Gradient Lab is open and keeps the runs: this one starts afresh and keeps nothing for next time.</source>
        <translation>另一个 Gradient Lab 已经打开并保存着运行：这个窗口从头开始，不会为下次保存任何内容。</translation>
    </message>
    <message>
        <source>off</source>
        <translation>关</translation>
    </message>
    <message>
        <source>on</source>
        <translation>开</translation>
    </message>
    <message>
        <source>%1 at step %2</source>
        <translation>%1（第 %2 步）</translation>
    </message>
    <message numerus="yes">
        <source>%1 (%n times) from step %2</source>
        <translation>
            <numerusform>%1（%n 次，自第 %2 步起）</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 %2 → %3</source>
        <translation>%1 %2 → %3</translation>
    </message>
    <message>
        <source>%1 %2 → %3 at step %4</source>
        <translation>%1 %2 → %3（第 %4 步）</translation>
    </message>
    <message>
        <source>seed %1 → %2</source>
        <translation>种子 %1 → %2</translation>
    </message>
    <message>
        <source>no file</source>
        <translation>无文件</translation>
    </message>
    <message>
        <source>none</source>
        <comment>an empty set of choices</comment>
        <translation>无</translation>
    </message>
</context>
<context>
    <name>gradlab::LineChart</name>
    <message>
        <source>%1 (faded)</source>
        <translation>%1（淡色）</translation>
    </message>
    <message>
        <source>%1: mean and range</source>
        <translation>%1：均值与范围</translation>
    </message>
    <message>
        <source>step %1</source>
        <translation>第 %1 步</translation>
    </message>
</context>
<context>
    <name>gradlab::ParamModel</name>
    <message>
        <source>No lesson is open.</source>
        <translation>没有打开的课程。</translation>
    </message>
    <message>
        <source>Unknown parameter %1.</source>
        <translation>未知参数 %1。</translation>
    </message>
    <message>
        <source>%1 expects a number.</source>
        <translation>%1 需要一个数值。</translation>
    </message>
    <message>
        <source>%1 must lie between %2 and %3.</source>
        <translation>%1 须在 %2 与 %3 之间。</translation>
    </message>
    <message>
        <source>%1 must be a whole number.</source>
        <translation>%1 须为整数。</translation>
    </message>
    <message>
        <source>%1: click to show it among the parameters</source>
        <translation>%1：点击即可在参数中显示</translation>
    </message>
    <message>
        <source>%1: among the parameters when %2 is %3</source>
        <translation>%1：当 %2 为“%3”时出现在参数中</translation>
    </message>
    <message>
        <source>%1: Enter takes you to it among the parameters</source>
        <translation>%1：按 Enter 键转到参数中的该项</translation>
    </message>
</context>
<context>
    <name>gradlab::PlotItem</name>
    <message>
        <source>No data yet: press Play or Step.</source>
        <translation>暂无数据：请按“开始”或“单步”。</translation>
    </message>
    <message>
        <source>No file name given.</source>
        <translation>未指定文件名。</translation>
    </message>
    <message>
        <source>Exported from Gradient Lab</source>
        <translation>由 Gradient Lab 导出</translation>
    </message>
    <message>
        <source>Cannot write %1.</source>
        <translation>无法写入 %1。</translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
    <message>
        <source>No data yet: it comes as the run trains on.</source>
        <translation>暂无数据：会随着训练继续出现。</translation>
    </message>
</context>
<context>
    <name>init</name>
    <message>
        <source>Weight matrix</source>
        <translation>权重矩阵</translation>
    </message>
    <message>
        <source>Deep network</source>
        <translation>深层网络</translation>
    </message>
    <message>
        <source>fan in</source>
        <translation>扇入</translation>
    </message>
    <message>
        <source>Inputs per unit of the sampled weight matrix.</source>
        <translation>所采样权重矩阵中每个单元的输入数。</translation>
    </message>
    <message>
        <source>fan out</source>
        <translation>扇出</translation>
    </message>
    <message>
        <source>Outputs of the sampled weight matrix.</source>
        <translation>所采样权重矩阵的输出数。</translation>
    </message>
    <message>
        <source>normal: std</source>
        <translation>normal：标准差</translation>
    </message>
    <message>
        <source>Standard deviation of the plain normal scheme.</source>
        <translation>普通 normal 方案的标准差。</translation>
    </message>
    <message>
        <source>uniform: bound</source>
        <translation>uniform：边界</translation>
    </message>
    <message>
        <source>The plain uniform scheme draws from [-bound, bound].</source>
        <translation>普通 uniform 方案从 [-边界, 边界] 中采样。</translation>
    </message>
    <message>
        <source>layers</source>
        <translation>层数</translation>
    </message>
    <message>
        <source>Layers of the deep network.</source>
        <translation>深层网络的层数。</translation>
    </message>
    <message>
        <source>width</source>
        <translation>宽度</translation>
    </message>
    <message>
        <source>Units per layer (= fan in = fan out).</source>
        <translation>每层的单元数（= 扇入 = 扇出）。</translation>
    </message>
    <message>
        <source>samples</source>
        <translation>样本数</translation>
    </message>
    <message>
        <source>Random input vectors sent through the network.</source>
        <translation>送入网络的随机输入向量。</translation>
    </message>
    <message>
        <source>activation</source>
        <translation>激活函数</translation>
    </message>
    <message>
        <source>The nonlinearity after every layer.</source>
        <translation>每层之后的非线性函数。</translation>
    </message>
    <message>
        <source>scheme</source>
        <translation>方案</translation>
    </message>
    <message>
        <source>Which schemes initialise the deep network (all: every one, side by side).</source>
        <translation>用哪些方案初始化深层网络（all：全部并排比较）。</translation>
    </message>
    <message>
        <source>layer</source>
        <translation>层</translation>
    </message>
    <message>
        <source>Mean and spread of each scheme&apos;s weights</source>
        <translation>各方案权重的均值与离散程度</translation>
    </message>
    <message>
        <source>Histogram of each scheme&apos;s weights</source>
        <translation>各方案权重的直方图</translation>
    </message>
    <message>
        <source>density</source>
        <translation>密度</translation>
    </message>
    <message>
        <source>The std each scheme aims for</source>
        <translation>各方案的目标标准差</translation>
    </message>
    <message>
        <source>Activations per layer: mean, spread, saturation</source>
        <translation>每层激活：均值、离散程度、饱和度</translation>
    </message>
    <message>
        <source>std of the activations</source>
        <translation>激活值的标准差</translation>
    </message>
    <message>
        <source>Histogram of the activations per layer</source>
        <translation>每层激活的直方图</translation>
    </message>
    <message>
        <source>Measured std of each scheme&apos;s weights</source>
        <translation>各方案权重的实测标准差</translation>
    </message>
    <message>
        <source>Std of the last layer&apos;s activations</source>
        <translation>最后一层激活的标准差</translation>
    </message>
    <message>
        <source>%1: the activations outgrew the largest float (about 3.4e38) at layer %2, so the curves end there. Smaller weights keep them finite: a smaller std, or a scheme that scales with the width.</source>
        <translation>%1：激活值在第 %2 层超出了 float 的最大值（约 3.4e38），因此曲线在那里中断。更小的权重能让它们保持有限：更小的标准差，或随宽度缩放的初始化方案。</translation>
    </message>
    <message>
        <source>last layer&apos;s std (xavier_uniform)</source>
        <translation>最后一层的标准差（xavier_uniform）</translation>
    </message>
    <message>
        <source>all, side by side</source>
        <translation>全部并列</translation>
    </message>
    <message>
        <source>linear (none)</source>
        <translation>线性（无）</translation>
    </message>
</context>
<context>
    <name>lessons</name>
    <message>
        <source>Activation functions</source>
        <translation>激活函数</translation>
    </message>
    <message>
        <source>Eight nonlinearities, their slopes, and why deep sigmoid nets stop learning</source>
        <translation>八种非线性函数、它们的斜率，以及深层 sigmoid 网络为何学不动</translation>
    </message>
    <message>
        <source>Weight initialisation</source>
        <translation>权重初始化</translation>
    </message>
    <message>
        <source>Xavier, Kaiming and friends: keeping signals alive through deep networks</source>
        <translation>Xavier、Kaiming 等方法：让信号穿过深层网络而不消失</translation>
    </message>
    <message>
        <source>Optimizers race</source>
        <translation>优化器竞赛</translation>
    </message>
    <message>
        <source>SGD, momentum, RMSprop, Adam and friends descend the same valley</source>
        <translation>SGD、动量、RMSprop、Adam 等沿同一山谷下降</translation>
    </message>
    <message>
        <source>Attention</source>
        <translation>注意力</translation>
    </message>
    <message>
        <source>Scaled dot-product attention by hand, then a small transformer learning to reverse, sort and shift</source>
        <translation>手算缩放点积注意力，再看一个小型 Transformer 学习反转、排序和移位</translation>
    </message>
    <message>
        <source>Convolutional networks</source>
        <translation>卷积网络</translation>
    </message>
    <message>
        <source>Filters, pooling and LeNet-5 learning to recognise clothes</source>
        <translation>滤波器、池化，以及学习识别服装的 LeNet-5</translation>
    </message>
    <message>
        <source>Vision Transformer</source>
        <translation>视觉 Transformer</translation>
    </message>
    <message>
        <source>Pictures as sequences of patches: a tiny ViT learns Fashion-MNIST, and you see where it looks</source>
        <translation>把图像看作图块序列：一个微型 ViT 学习 Fashion-MNIST，你可以看到它关注哪里</translation>
    </message>
    <message>
        <source>Recurrent networks</source>
        <translation>循环神经网络</translation>
    </message>
    <message>
        <source>RNN, LSTM and GRU race on sequences: when do the gates beat vanishing gradients?</source>
        <translation>RNN、LSTM 和 GRU 在序列上比赛：门何时能战胜梯度消失？</translation>
    </message>
    <message>
        <source>A GPT that learns to write</source>
        <translation>学会写作的 GPT</translation>
    </message>
    <message>
        <source>A tiny transformer learns to write character by character, from gibberish to words to sentences</source>
        <translation>一个微型 Transformer 逐字符学习写作：从乱码到单词再到句子</translation>
    </message>
    <message>
        <source>Overfitting and its cures</source>
        <translation>过拟合及其对策</translation>
    </message>
    <message>
        <source>A network learns its training data by heart: weight decay, dropout, augmentation and early stopping</source>
        <translation>网络把训练数据背了下来：权重衰减、Dropout、数据增强和提前停止</translation>
    </message>
    <message>
        <source>Going deep</source>
        <translation>走向深层</translation>
    </message>
    <message>
        <source>Plain against residual stacks, normalisation, learning-rate schedules and the LR range test</source>
        <translation>普通与残差堆叠、归一化、学习率调度和 LR 范围测试</translation>
    </message>
    <message>
        <source>%1 diverged at step %2 (loss %3); its learning rate %4 is likely too high. It stopped, the others go on: lower the rate and press Reset, or go back on the timeline to before step %2.</source>
        <translation>%1 在第 %2 步发散了（损失 %3）；它的学习率 %4 可能太高。它已停止，其他的继续：请降低学习率并按“重置”，或在时间线上回到第 %2 步之前。</translation>
    </message>
    <message>
        <source>The network</source>
        <translation>网络</translation>
    </message>
    <message>
        <source>%1 diverged at step %2 (loss %3); the learning rate %4 is likely too high. Training stopped: lower the rate and press Reset, or go back on the timeline to before step %2.</source>
        <translation>%1 在第 %2 步发散了（损失 %3）；学习率 %4 可能太高。训练已停止：请降低学习率并按“重置”，或在时间线上回到第 %2 步之前。</translation>
    </message>
    <message>
        <source>%1 was not found: the pictures are the synthetic shapes instead (generated, not real data).</source>
        <translation>未找到 %1：图片改为合成形状（生成的，不是真实数据）。</translation>
    </message>
    <message>
        <source>%1 was not found: the pictures come from %2 instead.</source>
        <translation>未找到 %1：图片改为来自 %2。</translation>
    </message>
    <message>
        <source>data set</source>
        <translation>数据集</translation>
    </message>
    <message>
        <source>Fashion-MNIST (clothes), MNIST (digits) or synthetic shapes; a missing set falls back to another, with a note.</source>
        <translation>Fashion-MNIST（服装）、MNIST（数字）或合成形状（shapes）；缺少某个数据集时改用另一个，并给出提示。</translation>
    </message>
    <message>
        <source>epochs</source>
        <translation>轮数</translation>
    </message>
    <message>
        <source>Passes over the training images; the run stops after them.</source>
        <translation>遍历训练图像的轮数；跑完后运行停止。</translation>
    </message>
    <message>
        <source>step</source>
        <translation>步</translation>
    </message>
    <message>
        <source>Loss</source>
        <translation>损失</translation>
    </message>
    <message>
        <source>cross-entropy</source>
        <translation>交叉熵</translation>
    </message>
    <message>
        <source>Loss on the validation images</source>
        <translation>验证图像上的损失</translation>
    </message>
    <message>
        <source>Accuracy on the validation images</source>
        <translation>验证图像上的准确率</translation>
    </message>
    <message>
        <source>Accuracy on the test images</source>
        <translation>测试图像上的准确率</translation>
    </message>
    <message>
        <source>Epochs completed</source>
        <translation>已完成的轮数</translation>
    </message>
    <message>
        <source>True class of the shown picture (-1: unknown)</source>
        <translation>所示图片的真实类别（-1：未知）</translation>
    </message>
    <message>
        <source>epoch</source>
        <translation>轮</translation>
    </message>
    <message>
        <source>Your picture cannot be used, so the test picture is shown:</source>
        <translation>你的图片无法使用，因此显示测试图片：</translation>
    </message>
    <message>
        <source>%1 diverged at step %2 (loss %3). Gradient clipping is off, so one large gradient can throw the weights far out. It stopped, the others go on: turn clipping on (1 is a good start) or lower the learning rate %4, then press Reset or go back on the timeline to before step %2.</source>
        <translation>%1 在第 %2 步发散了（损失 %3）。梯度裁剪已关闭，一个很大的梯度就能把权重远远抛出。它已停止，其他的继续：请打开梯度裁剪（1 是个好的起点）或降低学习率 %4，然后按“重置”，或在时间线上回到第 %2 步之前。</translation>
    </message>
    <message>
        <source>%1 diverged at step %2 (loss %3). Gradient clipping is off, so one large gradient can throw the weights far out. Training stopped: turn clipping on (1 is a good start) or lower the learning rate %4, then press Reset or go back on the timeline to before step %2.</source>
        <translation>%1 在第 %2 步发散了（损失 %3）。梯度裁剪已关闭，一个很大的梯度就能把权重远远抛出。训练已停止：请打开梯度裁剪（1 是个好的起点）或降低学习率 %4，然后按“重置”，或在时间线上回到第 %2 步之前。</translation>
    </message>
    <message>
        <source>%1 had the loss %3 at step %2, before any update: its starting weights already make the output overflow, so no learning rate is to blame. It stopped, the others go on: start with smaller weights (a smaller weight scale or another initialisation) and press Reset.</source>
        <translation>%1 在第 %2 步、任何更新之前，损失就已是 %3：初始权重本身就让输出溢出，所以不是学习率的问题。它已停止，其他的继续：请用更小的权重开始（更小的权重尺度或换一种初始化），然后按“重置”。</translation>
    </message>
    <message>
        <source>%1 had the loss %3 at step %2, before any update: its starting weights already make the output overflow, so no learning rate is to blame. Training stopped: start with smaller weights (a smaller weight scale or another initialisation) and press Reset.</source>
        <translation>%1 在第 %2 步、任何更新之前，损失就已是 %3：初始权重本身就让输出溢出，所以不是学习率的问题。训练已停止：请用更小的权重开始（更小的权重尺度或换一种初始化），然后按“重置”。</translation>
    </message>
    <message>
        <source>synthetic shapes</source>
        <translation>合成形状</translation>
    </message>
</context>
<context>
    <name>optimizers</name>
    <message>
        <source>learning rate</source>
        <translation>学习率</translation>
    </message>
    <message>
        <source>momentum</source>
        <translation>动量</translation>
    </message>
    <message>
        <source>beta1 (momentum)</source>
        <translation>beta1（动量）</translation>
    </message>
    <message>
        <source>beta2 (squared-gradient average)</source>
        <translation>beta2（梯度平方均值）</translation>
    </message>
    <message>
        <source>SGD</source>
        <translation>SGD</translation>
    </message>
    <message>
        <source>Momentum</source>
        <translation>Momentum</translation>
    </message>
    <message>
        <source>Nesterov</source>
        <translation>Nesterov</translation>
    </message>
    <message>
        <source>RMSprop</source>
        <translation>RMSprop</translation>
    </message>
    <message>
        <source>alpha (squared-gradient average)</source>
        <translation>alpha（梯度平方均值）</translation>
    </message>
    <message>
        <source>centered</source>
        <translation>中心化</translation>
    </message>
    <message>
        <source>Adagrad</source>
        <translation>Adagrad</translation>
    </message>
    <message>
        <source>learning-rate decay</source>
        <translation>学习率衰减</translation>
    </message>
    <message>
        <source>Adam</source>
        <translation>Adam</translation>
    </message>
    <message>
        <source>AMSGrad</source>
        <translation>AMSGrad</translation>
    </message>
    <message>
        <source>AdamW</source>
        <translation>AdamW</translation>
    </message>
    <message>
        <source>weight decay</source>
        <translation>权重衰减</translation>
    </message>
    <message>
        <source>NAdam</source>
        <translation>NAdam</translation>
    </message>
    <message>
        <source>momentum decay</source>
        <translation>动量衰减</translation>
    </message>
    <message>
        <source>surface</source>
        <translation>曲面</translation>
    </message>
    <message>
        <source>The loss landscape the racers descend.</source>
        <translation>参赛者沿之下降的损失曲面。</translation>
    </message>
    <message>
        <source>racers</source>
        <translation>参赛者</translation>
    </message>
    <message>
        <source>Which optimizers take part.</source>
        <translation>参赛的优化器。</translation>
    </message>
    <message>
        <source>start x</source>
        <translation>起点 x</translation>
    </message>
    <message>
        <source>Where the racers start (x).</source>
        <translation>参赛者的起点（x）。</translation>
    </message>
    <message>
        <source>start y</source>
        <translation>起点 y</translation>
    </message>
    <message>
        <source>Where the racers start (y).</source>
        <translation>参赛者的起点（y）。</translation>
    </message>
    <message>
        <source>Rosenbrock: the minimum lies at (a, a^2).</source>
        <translation>Rosenbrock：最小值位于 (a, a^2)。</translation>
    </message>
    <message>
        <source>Rosenbrock</source>
        <translation>Rosenbrock</translation>
    </message>
    <message>
        <source>Rosenbrock: how steep the valley walls are.</source>
        <translation>Rosenbrock：谷壁的陡峭程度。</translation>
    </message>
    <message>
        <source>condition number</source>
        <translation>条件数</translation>
    </message>
    <message>
        <source>Quadratic bowl: how much steeper y is than x.</source>
        <translation>二次碗形面：y 方向比 x 方向陡多少。</translation>
    </message>
    <message>
        <source>Quadratic bowl</source>
        <translation>二次碗形面</translation>
    </message>
    <message>
        <source>step</source>
        <translation>步</translation>
    </message>
    <message>
        <source>Loss (distance to the minimum) per step</source>
        <translation>每步的损失（与最小值之差）</translation>
    </message>
    <message>
        <source>loss</source>
        <translation>损失</translation>
    </message>
    <message>
        <source>The loss surface</source>
        <translation>损失曲面</translation>
    </message>
    <message>
        <source>Each racer&apos;s path</source>
        <translation>每个参赛者的路径</translation>
    </message>
    <message>
        <source>Where the minima are</source>
        <translation>最小值的位置</translation>
    </message>
    <message>
        <source>The start (%1, %2) lies off this map: the racers start at (-1, 1). Click the map to choose another start.</source>
        <translation>起点 (%1, %2) 不在这张图上：参赛者从 (-1, 1) 出发。点击地图可选择其他起点。</translation>
    </message>
    <message>
        <source>Adam&apos;s loss</source>
        <translation>Adam 的损失</translation>
    </message>
    <message>
        <source>Race</source>
        <translation>比赛</translation>
    </message>
    <message>
        <source>ill-conditioned bowl</source>
        <translation>病态碗形面</translation>
    </message>
    <message>
        <source>saddle</source>
        <translation>鞍面</translation>
    </message>
</context>
<context>
    <name>rnn</name>
    <message>
        <source>Task</source>
        <translation>任务</translation>
    </message>
    <message>
        <source>Networks</source>
        <translation>网络</translation>
    </message>
    <message>
        <source>Training</source>
        <translation>训练</translation>
    </message>
    <message>
        <source>task</source>
        <translation>任务</translation>
    </message>
    <message>
        <source>first: name the first of T symbols at the end; adding: add the two marked numbers of T; sine: predict the next value of a wave.</source>
        <translation>first：在最后说出 T 个符号中的第一个；adding：把 T 个数中被标记的两个相加；sine：预测波形的下一个值。</translation>
    </message>
    <message>
        <source>sequence length T</source>
        <translation>序列长度 T</translation>
    </message>
    <message>
        <source>Steps per sequence: how far back the cells must remember.</source>
        <translation>每条序列的步数：单元需要记住多远之前的内容。</translation>
    </message>
    <message>
        <source>example sequence</source>
        <translation>示例序列</translation>
    </message>
    <message>
        <source>Which test sequence the pictures show.</source>
        <translation>图像显示哪一条测试序列。</translation>
    </message>
    <message>
        <source>cells</source>
        <translation>单元</translation>
    </message>
    <message>
        <source>The recurrent cells that race on the same batches.</source>
        <translation>在同一批数据上比赛的循环单元。</translation>
    </message>
    <message>
        <source>hidden size</source>
        <translation>隐藏层大小</translation>
    </message>
    <message>
        <source>Units of each cell&apos;s state.</source>
        <translation>每个单元状态的维数。</translation>
    </message>
    <message>
        <source>LSTM forget bias 1</source>
        <translation>LSTM 遗忘偏置 1</translation>
    </message>
    <message>
        <source>Start the LSTM&apos;s forget gate open (bias 1, as Jozefowicz et al. advise); off: PyTorch&apos;s random bias, the gate half closed.</source>
        <translation>让 LSTM 的遗忘门一开始就打开（偏置 1，如 Jozefowicz 等人所建议）；关闭时：PyTorch 的随机偏置，门半开半闭。</translation>
    </message>
    <message>
        <source>RNN activation</source>
        <translation>RNN 激活函数</translation>
    </message>
    <message>
        <source>The vanilla RNN&apos;s nonlinearity.</source>
        <translation>普通 RNN 的非线性函数。</translation>
    </message>
    <message>
        <source>RNN recurrent weight scale</source>
        <translation>RNN 循环权重缩放</translation>
    </message>
    <message>
        <source>Multiplies the RNN&apos;s recurrent weights after PyTorch&apos;s initialisation: large values (with relu) make gradients explode.</source>
        <translation>在 PyTorch 初始化之后放大 RNN 的循环权重：取值大时（配合 relu）梯度会爆炸。</translation>
    </message>
    <message>
        <source>optimizer</source>
        <translation>优化器</translation>
    </message>
    <message>
        <source>Adam, or plain SGD.</source>
        <translation>Adam，或普通 SGD。</translation>
    </message>
    <message>
        <source>learning rate</source>
        <translation>学习率</translation>
    </message>
    <message>
        <source>Step size of every cell&apos;s optimizer.</source>
        <translation>每个单元优化器的步长。</translation>
    </message>
    <message>
        <source>gradient clipping</source>
        <translation>梯度裁剪</translation>
    </message>
    <message>
        <source>Largest gradient norm per cell and step (clip_grad_norm_); 0 turns clipping off.</source>
        <translation>每个单元每步的最大梯度范数（clip_grad_norm_）；0 表示关闭裁剪。</translation>
    </message>
    <message>
        <source>training steps</source>
        <translation>训练步数</translation>
    </message>
    <message>
        <source>Batches of 64 sequences to train on; the run stops after them.</source>
        <translation>用于训练的批次数（每批 64 条序列）；训练完后运行停止。</translation>
    </message>
    <message>
        <source>step</source>
        <translation>步</translation>
    </message>
    <message>
        <source>t (position in the sequence)</source>
        <translation>t（序列中的位置）</translation>
    </message>
    <message>
        <source>Training loss per cell</source>
        <translation>每个单元的训练损失</translation>
    </message>
    <message>
        <source>Test accuracy per cell</source>
        <translation>每个单元的测试准确率</translation>
    </message>
    <message>
        <source>Test loss per cell</source>
        <translation>每个单元的测试损失</translation>
    </message>
    <message>
        <source>Gradient norm before clipping</source>
        <translation>裁剪前的梯度范数</translation>
    </message>
    <message>
        <source>Gradient through time, every measurement</source>
        <translation>随时间的梯度，每次测量</translation>
    </message>
    <message>
        <source>Gradient through time now</source>
        <translation>当前随时间的梯度</translation>
    </message>
    <message>
        <source>‖∂L/∂h_t‖</source>
        <translation>‖∂L/∂h_t‖</translation>
    </message>
    <message>
        <source>log₁₀ ‖∂L/∂h_t‖ over training</source>
        <translation>训练过程中的 log₁₀ ‖∂L/∂h_t‖</translation>
    </message>
    <message>
        <source>The example: input and each cell&apos;s answer at every step</source>
        <translation>示例：输入及每个单元在每一步的回答</translation>
    </message>
    <message>
        <source>Hidden state h_t (16 units)</source>
        <translation>隐藏状态 h_t（16 个单元）</translation>
    </message>
    <message>
        <source>unit</source>
        <translation>单元</translation>
    </message>
    <message>
        <source>Gate activation (16 units)</source>
        <translation>门的激活（16 个单元）</translation>
    </message>
    <message>
        <source>LSTM cell state c_t (16 units)</source>
        <translation>LSTM 细胞状态 c_t（16 个单元）</translation>
    </message>
    <message>
        <source>Gate activations of the example</source>
        <translation>示例的门激活</translation>
    </message>
    <message>
        <source>GRU&apos;s accuracy</source>
        <translation>GRU 的准确率</translation>
    </message>
    <message>
        <source>first symbol</source>
        <translation>首个符号</translation>
    </message>
    <message>
        <source>adding problem</source>
        <translation>加法问题</translation>
    </message>
    <message>
        <source>noisy wave</source>
        <translation>带噪声的波</translation>
    </message>
</context>
<context>
    <name>vit</name>
    <message>
        <source>Data</source>
        <translation>数据</translation>
    </message>
    <message>
        <source>Vision Transformer</source>
        <translation>视觉 Transformer</translation>
    </message>
    <message>
        <source>Picture</source>
        <translation>图像</translation>
    </message>
    <message>
        <source>patch size</source>
        <translation>图块大小</translation>
    </message>
    <message>
        <source>Side of the square patches in pixels (28 / patch patches per row).</source>
        <translation>正方形图块的边长，单位为像素（每行 28 / 图块大小 个图块）。</translation>
    </message>
    <message>
        <source>layers</source>
        <translation>层数</translation>
    </message>
    <message>
        <source>Transformer encoder layers.</source>
        <translation>Transformer 编码器的层数。</translation>
    </message>
    <message>
        <source>heads</source>
        <translation>头数</translation>
    </message>
    <message>
        <source>Attention heads per layer (64 dimensions shared among them).</source>
        <translation>每层的注意力头数（各头均分 64 个维度）。</translation>
    </message>
    <message>
        <source>learning rate</source>
        <translation>学习率</translation>
    </message>
    <message>
        <source>Adam&apos;s step size.</source>
        <translation>Adam 的步长。</translation>
    </message>
    <message>
        <source>test picture</source>
        <translation>测试图像</translation>
    </message>
    <message>
        <source>Which test image is shown and classified.</source>
        <translation>要显示并分类的测试图像。</translation>
    </message>
    <message>
        <source>your picture</source>
        <translation>自选图像</translation>
    </message>
    <message>
        <source>A PNG or JPEG of your own: its patches, where the CLS token looks, and the prediction.</source>
        <translation>你自己的 PNG 或 JPEG 图像：显示其图块、CLS 词元关注的位置以及预测结果。</translation>
    </message>
    <message>
        <source>The picture</source>
        <translation>原图</translation>
    </message>
    <message>
        <source>The patches, as a sequence</source>
        <translation>图块组成的序列</translation>
    </message>
    <message>
        <source>The CLS token</source>
        <translation>CLS 词元</translation>
    </message>
    <message>
        <source>How alike the patches&apos; position vectors are</source>
        <translation>各图块位置向量的相似程度</translation>
    </message>
    <message>
        <source>Where the CLS token looks</source>
        <translation>CLS 词元关注的位置</translation>
    </message>
    <message>
        <source>Prediction</source>
        <translation>预测</translation>
    </message>
    <message>
        <source>validation accuracy</source>
        <translation>验证准确率</translation>
    </message>
</context>
</TS>

/**
 * The door's camera: where the browser has BarcodeDetector with QR support, a "Scan with camera" button
 * shows the camera, reads the first QR code it sees into the ticket code field and sends the form; the
 * next page opens the camera again for the next ticket. Without it (or without permission) the typed
 * code works as before, and a USB scanner that types the code and Enter sends the form too.
 */
type Detector = { detect(source: CanvasImageSource): Promise<{ rawValue: string }[]> };
type DetectorClass = {
  new (options: { formats: string[] }): Detector;
  getSupportedFormats(): Promise<string[]>;
};

const KEEP_SCANNING = 'door-camera';
const form = document.querySelector<HTMLFormElement>('form[data-door]');
const Barcode = (window as unknown as { BarcodeDetector?: DetectorClass }).BarcodeDetector;
if (form && Barcode) void offerCamera(form, Barcode);

async function offerCamera(form: HTMLFormElement, Barcode: DetectorClass): Promise<void> {
  if (!(await Barcode.getSupportedFormats()).includes('qr_code')) return;
  const field = form.querySelector<HTMLInputElement>('input[name="code"]');
  const actions = form.querySelector('.flex-wrap');
  if (!field || !actions) return;
  const button = document.createElement('button');
  button.type = 'button';
  button.className = 'btn-quiet';
  button.textContent = 'Scan with camera';
  actions.append(button);
  const scan = async () => {
    // One camera at a time: the button waits until this scan has sent the form.
    button.disabled = true;
    const video = document.createElement('video');
    video.setAttribute('playsinline', '');
    video.muted = true;
    video.setAttribute('aria-label', 'Camera view: hold the ticket QR code up to it');
    video.className = 'w-full rounded-md';
    let stream: MediaStream;
    try {
      stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: 'environment' } });
    } catch {
      button.textContent = 'Camera not available: type the code';
      sessionStorage.removeItem(KEEP_SCANNING);
      return;
    }
    video.srcObject = stream;
    form.prepend(video);
    try {
      await video.play();
    } catch {
      for (const track of stream.getTracks()) track.stop();
      video.remove();
      button.disabled = false;
      return;
    }
    const detector = new Barcode({ formats: ['qr_code'] });
    const look = async () => {
      const [found] = await detector.detect(video).catch(() => []);
      if (found?.rawValue) {
        for (const track of stream.getTracks()) track.stop();
        field.value = found.rawValue;
        // The verdict page opens the camera again for the next ticket, until the user types instead.
        sessionStorage.setItem(KEEP_SCANNING, 'yes');
        form.requestSubmit();
        return;
      }
      setTimeout(look, 250);
    };
    void look();
  };
  button.addEventListener('click', () => void scan());
  field.addEventListener('input', () => sessionStorage.removeItem(KEEP_SCANNING));
  if (sessionStorage.getItem(KEEP_SCANNING) === 'yes') void scan();
}
